/** All "now" in the backend comes from here, so tests can move time (turnaround, expiry). */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
