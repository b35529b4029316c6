/**
 * Test hook for the kill -9 tests: with HANDOFF_CRASH_AT=<step> the process announces the step
 * on stdout and stops dead there, so the test kills it at exactly that point.
 */
export function crashPoint(step: string): void {
  if (process.env.HANDOFF_CRASH_AT !== step) return;
  process.stdout.write(`crash-point ${step}\n`);
  const wait = new Int32Array(new SharedArrayBuffer(4));
  for (;;) Atomics.wait(wait, 0, 0, 60_000);
}
