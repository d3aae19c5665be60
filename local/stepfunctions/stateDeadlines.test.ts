import { withStateDeadlines } from './stateDeadlines';

describe('deadlines a test gives named Task states', () => {
  const definition = {
    StartAt: 'Wait',
    States: {
      Wait: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', TimeoutSeconds: 604800, HeartbeatSeconds: 259200, Next: 'Fan' },
      Fan: { Type: 'Parallel', Branches: [{ StartAt: 'Wait', States: { Wait: { Type: 'Task', Resource: 'x', TimeoutSeconds: 100, End: true } } }], Next: 'Other' },
      Other: { Type: 'Task', Resource: 'y', TimeoutSeconds: 14400, End: true },
    },
  };

  it('replaces the named states deadlines, nested ones too, and leaves the others and the given definition as they were', () => {
    const changed = withStateDeadlines(JSON.stringify(definition), { Wait: { TimeoutSeconds: 20, HeartbeatSeconds: 18 } }) as typeof definition;
    expect(changed.States.Wait).toMatchObject({ TimeoutSeconds: 20, HeartbeatSeconds: 18, Next: 'Fan' });
    expect(changed.States.Fan.Branches[0]?.States.Wait).toMatchObject({ TimeoutSeconds: 20, HeartbeatSeconds: 18, End: true });
    expect(changed.States.Other.TimeoutSeconds).toBe(14400);
    expect(definition.States.Wait.TimeoutSeconds).toBe(604800);
  });

  it('answers the definition itself when no deadline is given', () => {
    expect(withStateDeadlines(definition, undefined)).toBe(definition);
    expect(withStateDeadlines(definition, {})).toBe(definition);
  });
});
