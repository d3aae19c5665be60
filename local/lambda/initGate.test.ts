import { join } from 'node:path';
import { createLambdaRuntime, type RunnableFunction } from './index';
import { InitGate } from './initGate';

describe('the init gate', () => {
  it('given one turn, when two ask, then the second waits until the first is released', async () => {
    const gate = new InitGate(1);
    const first = await gate.turn();
    let secondGotIt = false;
    const second = gate.turn().then((release) => {
      secondGotIt = true;
      return release;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(secondGotIt).toBe(false);
    expect(gate.pending).toBe(2);
    first();
    first(); // releasing twice gives back one turn, not two
    (await second)();
    expect(gate.pending).toBe(0);
  });

  it('refuses a limit that is not a whole number of at least one', () => {
    expect(() => new InitGate(0)).toThrow(/at least 1/);
  });
});

describe('cold starts of many functions at once', () => {
  const slow = (key: string): RunnableFunction => ({
    key,
    name: `fixture-${key}`,
    handler: { file: join(__dirname, 'fixtures', 'slowInit.ts'), export: 'handler' },
    environment: { INIT_MS: '400' },
    timeoutSeconds: 10,
    memorySize: 128,
  });

  it('initialize one turn at a time when the gate allows one, none of them failing for the wait', async () => {
    const lambda = createLambdaRuntime({ functions: ['a', 'b', 'c'].map(slow), maxConcurrentInits: 1 });
    try {
      const inits = (await Promise.all(['a', 'b', 'c'].map((key) => lambda.invoke(key, {})))) as { initStartedAt: number; initEndedAt: number }[];
      const inOrder = [...inits].sort((x, y) => x.initStartedAt - y.initStartedAt);
      // Each init starts no earlier than the one before it ended.
      inOrder.slice(1).forEach((init, i) => expect(init.initStartedAt).toBeGreaterThanOrEqual(inOrder[i]?.initEndedAt ?? Infinity));
    } finally {
      await lambda.stop();
    }
  });

  it('stops a sandbox still waiting for its turn without starting it', async () => {
    const lambda = createLambdaRuntime({ functions: [{ ...slow('a'), environment: { INIT_MS: '2000' } }, slow('b')], maxConcurrentInits: 1 });
    const settled = (key: string) =>
      lambda.invoke(key, {}).then(
        () => 'answered',
        (error: Error) => error.name,
      );
    const [first, waiting] = [settled('a'), settled('b')];
    await new Promise((resolve) => setTimeout(resolve, 200));
    await lambda.stop();
    expect(await waiting).toBe('LambdaRuntimeStoppedError');
    expect(await first).toBe('LambdaFunctionError');
  });
});
