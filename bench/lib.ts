import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface Row {
  name: string;
  value: string;
  budget: string;
  pass: boolean | null; // null: informational or not measured
  note?: string;
}

export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'out', 'cli', 'handoff.cjs');

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const rank = (p / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return s[lo]! + (s[hi]! - s[lo]!) * (rank - lo);
};

/**
 * `handoff serve` on a data folder with both listeners on free ports; `unthrottled` lifts the
 * capacity endpoint's rate limit (a benchmark's own polls are not a misbehaving client), `demo`
 * seeds the demo center.
 */
export function serveArgs(dataDir: string, opts: { unthrottled?: boolean; demo?: boolean } = {}) {
  return [
    CLI,
    'serve',
    '--data-dir',
    dataDir,
    '--port',
    '0',
    '--capacity-port',
    '0',
    ...(opts.unthrottled ? ['--capacity-rate-limit', '0'] : []),
    ...(opts.demo ? ['--demo'] : []),
  ];
}

export interface Child {
  child: ChildProcess;
  lines: string[];
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  stop(): Promise<void>;
}

/** Spawns a Node script and lets the caller wait for a line (e.g. "Handoff UI: …"). */
export function spawnNode(args: string[], env: Record<string, string> = {}): Child {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buf = '';
  const waiters: { re: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  const onData = (c: Buffer) => {
    buf += c.toString();
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      lines.push(line);
      for (const w of [...waiters]) {
        const m = w.re.exec(line);
        if (m) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(m);
        }
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  return {
    child,
    lines,
    waitFor(re, timeoutMs = 60_000) {
      const seen = lines.map((l) => re.exec(l)).find(Boolean);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const t = setTimeout(
          () => reject(new Error(`timed out waiting for ${re}:\n${lines.join('\n')}`)),
          timeoutMs,
        );
        waiters.push({ re, resolve: (m) => (clearTimeout(t), resolve(m)) });
        child.once('exit', (code) =>
          reject(new Error(`process exited (${code}) before ${re}:\n${lines.join('\n')}`)),
        );
      });
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export const fmt = (n: number, digits = 1): string =>
  Number.isFinite(n) ? n.toFixed(digits) : 'n/a';

/** The UI's HTTP API as a browser uses it: sign in for a session cookie, then POST calls. */
export interface HttpApi {
  call<T = unknown>(method: string, input: unknown): Promise<T>;
}

export async function signInHttp(
  baseUrl: string,
  username: string,
  password: string,
): Promise<HttpApi> {
  const post = (method: string, input: unknown, cookie?: string) =>
    fetch(new URL(`/api/call/${method}`, baseUrl), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-handoff-request': '1',
        ...(cookie ? { cookie } : {}),
      },
      body: JSON.stringify(input),
    });
  const res = await post('auth.signIn', { username, password });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`sign-in as ${username} failed: ${await res.text()}`);
  return {
    async call<T>(method: string, input: unknown): Promise<T> {
      const r = await post(method, input, cookie);
      const body = (await r.json()) as { ok: boolean; value?: T; error?: { message: string } };
      if (!body.ok) throw new Error(`${method}: ${body.error?.message ?? r.status}`);
      return body.value as T;
    },
  };
}

/** Milliseconds since an hrtime mark. */
export const since = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

export interface CliRun {
  code: number;
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  stderr: string;
}

/**
 * Runs `handoff <args>` in a child process and reads its wall time, CPU time and peak resident
 * memory from inside the child (process.resourceUsage), so Node's start-up is not counted.
 */
export function runCli(args: string[]): Promise<CliRun> {
  const wrapper = `
    const { main } = require(${JSON.stringify(CLI)});
    const t0 = process.hrtime.bigint();
    main(${JSON.stringify(args)}).then((code) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const u = process.resourceUsage();
      process.stderr.write('\\n@@' + JSON.stringify({ code, wallMs,
        cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssMb: u.maxRSS / 1024 }) + '\\n');
      process.exit(code);
    });`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', wrapper], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      const m = /@@(\{.*\})/.exec(stderr);
      if (!m) return reject(new Error(`no result from handoff ${args.join(' ')}:\n${stderr}`));
      resolve({ ...(JSON.parse(m[1]!) as Omit<CliRun, 'stderr'>), stderr });
    });
  });
}
