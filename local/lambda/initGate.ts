/**
 * Lets a bounded number of sandboxes initialize at once. On AWS every cold start has CPU of its own; here they share
 * this machine's cores, and after a restart dozens of functions start together: racing for two cores, each init took
 * past the init limit and failed. Waiting for a turn does not count against the limit, as queueing for capacity
 * does not on Lambda; the init itself does.
 */
export class InitGate {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`InitGate needs a whole number of turns of at least 1, got ${limit}`);
  }

  /** Resolves with this init's turn; call the returned function once the init has finished, well or not. */
  async turn(): Promise<() => void> {
    if (this.running < this.limit) this.running += 1;
    else await new Promise<void>((resolve) => this.queue.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      // The turn passes straight to the next waiter: `running` counts it still.
      if (next === undefined) this.running -= 1;
      else next();
    };
  }

  /** Inits running or waiting: what a test or the NOC can read while a restart settles. */
  get pending(): number {
    return this.running + this.queue.length;
  }
}
