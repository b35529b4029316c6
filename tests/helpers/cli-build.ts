import fs from 'node:fs';
import path from 'node:path';
import { bundleForNode } from './bundle';

const root = path.resolve(__dirname, '..', '..');

/**
 * The CLI and the worker threads it looks for next to itself (scripts/build-cli.mjs): the test
 * build of the CLI (tests/helpers/test-cli.ts, serve mode on a clock tests move).
 */
const ENTRIES: Record<string, string> = {
  'handoff.cjs': 'tests/helpers/test-cli.ts',
  'capacity-worker.cjs': 'server/capacity/worker.ts',
  'report-worker.cjs': 'server/interchange/report-worker.ts',
  'integrity-worker.cjs': 'server/integrity/worker.ts',
};

const OUT = path.join(root, 'out');
const PREFIX = 'test-cli-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes a folder and then out/ itself when nothing else is left in it (no build of its own). */
function removeBuild(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  try {
    fs.rmdirSync(OUT);
  } catch {
    // out/ holds a real build or another test file's CLI: it stays.
  }
}

/**
 * Bundles `handoff` from this checkout's source into its own folder under out/, so integration
 * tests run real `handoff serve` processes of the code under test without a prior build (CI
 * runs vitest before `build:web`). Returns the CLI file for startServe's `cli` option.
 *
 * The folder is under out/ (not the system temp dir) so the bundle finds this checkout's
 * node_modules. It is named for the test process and removed when that process exits; one left
 * by a process that was killed is removed by the next build, so repeated runs leave nothing.
 */
export async function buildCli(): Promise<string> {
  fs.mkdirSync(OUT, { recursive: true });
  for (const name of fs.readdirSync(OUT)) {
    const pid = Number(/^test-cli-(\d+)-/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !alive(pid)) removeBuild(path.join(OUT, name));
  }
  const dir = fs.mkdtempSync(path.join(OUT, `${PREFIX}${process.pid}-`));
  process.once('exit', () => removeBuild(dir));
  for (const [file, entry] of Object.entries(ENTRIES))
    await bundleForNode(path.join(root, entry), path.join(dir, file));
  return path.join(dir, 'handoff.cjs');
}
