import type { Clock } from '../../server/clock';

/** A clock that follows real time from an offset that tests (and only tests) can set. Test
 * support: it lives under tests/, which ESLint keeps shipped code from importing. */
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
