// Types of provide.mjs (plain ESM so `node` runs it without a build step).

export interface RunResult {
  /** Exit code; null when the program could not be started or was killed. */
  status: number | null;
  stdout: string;
  stderr: string;
  /** Why it could not be started (e.g. ENOENT, EACCES, timed out). */
  error?: string;
}

export interface RunOptions {
  /** Extra environment variables for the child. */
  env?: Record<string, string>;
  /** Show the child's output to the user (a long download) instead of capturing it. */
  inherit?: boolean;
  /** Kill the child after this long (probes); no limit when absent (installs). */
  timeoutMs?: number;
}

/** Everything provideBrowser learns about or does to the machine. */
export interface MachineIo {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  isRoot: boolean;
  exists(file: string): boolean;
  /** The file's text, or null when it cannot be read. */
  readFile(file: string): string | null;
  run(cmd: string, args: string[], options: RunOptions): Promise<RunResult>;
  /** Whether an HTTPS request to this origin gets an answer. */
  reachable(origin: string): Promise<boolean>;
  log(line: string): void;
  /** Where Playwright keeps (or would put) its Chromium: `chromium.executablePath()`. */
  playwrightChromium: string;
  /** The playwright CLI script, run with nodePath. */
  playwrightCli: string;
  nodePath: string;
}

export interface SystemBrowser {
  name: string;
  path: string;
  channel?: 'chrome' | 'msedge';
}

/** What the Playwright configs launch (written to out/test-browser.json). */
export interface TestBrowser {
  path: string;
  /** e.g. "Chromium 156.0.8078.114", as the browser answered. */
  version: string;
  /** Launch by Playwright channel rather than by executablePath. */
  channel?: 'chrome' | 'msedge';
  /** CHROMIUM_PATH when the choice was made, so a changed one makes a new choice. */
  chromiumPath: string | null;
}

export type Provided =
  { browser: TestBrowser; line: string } | { browser?: undefined; line: string };

export function systemBrowsers(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
): SystemBrowser[];

export function provideBrowser(io: MachineIo): Promise<Provided>;
