/** Waits until `ok()` holds, checking every 25 ms; throws naming `what` after `ms`. */
export async function until(ok: () => boolean, ms = 8000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Reads every 50 ms until the value passes `ok`, and returns the last value read even when it
 * never does, so the test's own assertion says what was wrong.
 */
export async function untilRead<T>(
  read: () => Promise<T>,
  ok: (v: T) => boolean,
  ms = 4000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}
