/**
 * Time as the commands see it: `now` and `sleep`. The CLI uses the system clock; tests and the
 * benchmark pass a virtual clock, so minutes of polling and back-off run in milliseconds.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A clock whose `sleep` returns at once and moves `now` forward by the time slept. */
export class VirtualClock implements Clock {
  /** Every sleep, in order (ms). */
  readonly sleeps: number[] = [];
  constructor(private time = 0) {}

  now(): number {
    return this.time;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += Math.max(0, ms);
    // Let pending I/O run, as a real sleep would.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
