/** All "now" in the backend comes from here, so tests can move time (turnaround, expiry). */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that follows real time from an offset that tests (and only tests) can set. */
export class AdjustableClock implements Clock {
  private offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  set(ms: number): void {
    this.offset = ms - Date.now();
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}
