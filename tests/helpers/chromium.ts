/**
 * How the tests and the browser benchmark run Chromium: headless, no GPU, nothing fetched in the
 * background, so a run only talks to the loopback servers it starts.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
