import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ServeProcess {
  url: string;
  capacityUrl: string | null;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

const CLI = path.resolve(__dirname, '..', '..', 'out', 'cli', 'handoff.cjs');

/** Starts the real built `handoff serve` on port 0 with its own data folder (and a test clock). */
export async function startServe(
  args: string[] = [],
  opts: { dataDir?: string; env?: Record<string, string>; cli?: string } = {},
): Promise<ServeProcess> {
  const cli = opts.cli ?? CLI;
  if (!fs.existsSync(cli)) throw new Error('Build first: npm run build:web');
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-e2e-'));
  const child = spawn(
    process.execPath,
    // Capacity port 0 too: parallel test servers must not fight over the default 8787.
    [cli, 'serve', '--data-dir', dataDir, '--port', '0', '--capacity-port', '0', ...args],
    {
      env: { ...process.env, HANDOFF_TEST_CLOCK: '1', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 20_000);
    const check = () => {
      const m = /Handoff UI: (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${out}`));
    });
  });
  // The capacity line follows the UI line once the listener is up (or says why it is not).
  for (let i = 0; i < 100 && !/Capacity endpoint[: ]/.test(out); i++)
    await new Promise((r) => setTimeout(r, 50));
  const cap = /Capacity endpoint: (\S+)/.exec(out);
  return {
    url,
    capacityUrl: cap ? cap[1]! : null,
    dataDir,
    child,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Sets or advances the serve process's clock (test-only endpoint, enabled by HANDOFF_TEST_CLOCK). */
export async function setServerClock(
  url: string,
  body: { now?: number; advanceMs?: number },
): Promise<number> {
  const res = await fetch(new URL('/api/test/clock', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { value: { now: number } };
  return json.value.now;
}
