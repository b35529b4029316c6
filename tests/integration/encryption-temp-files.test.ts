import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/backend';
import { bundleForNode } from '../helpers/bundle';
import { plainFindings } from '../helpers/keyed';

/**
 * Encryption at rest covers temporary files too: SQLite's sorts, indexes and VACUUM would write
 * plain rows to the temp folder unless every connection keeps them in memory. A real workload of
 * serve mode, the command line and the desktop app runs in a child whose temp folder is fresh;
 * nothing there (or held open there while it ran) may carry the SQLite header or the name.
 */
const root = path.resolve(__dirname, '..', '..');
const NAME = 'Quartermaine';
let work: string;
let child: string;

beforeAll(async () => {
  work = tempDir('handoff-temp-files-');
  child = path.join(work, 'bin', 'temp-files-child.cjs');
  await bundleForNode(path.join(root, 'tests', 'crash', 'temp-files-child.ts'), child, {
    absWorkingDir: root,
  });
  // The integrity check's worker thread, found next to the bundle as in a real build.
  await bundleForNode(
    path.join(root, 'server', 'integrity', 'worker.ts'),
    path.join(work, 'bin', 'integrity-worker.cjs'),
    { absWorkingDir: root },
  );
}, 60_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function runChild(mode: 'workload' | 'control') {
  const dir = path.join(work, mode);
  const tmp = path.join(dir, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const r = spawnSync(process.execPath, [child, mode, dir, NAME], {
    cwd: root,
    env: {
      ...process.env,
      TMPDIR: tmp,
      TMP: tmp,
      TEMP: tmp,
      SQLITE_TMPDIR: tmp,
      NODE_PATH: path.join(root, 'node_modules'),
    },
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  const counts = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as {
    probes: number;
    held: number;
  };
  return { ...counts, tmp, probe: path.join(dir, 'probe') };
}

describe.skipIf(process.platform !== 'linux')('no plain temporary files', () => {
  it('the probe sees a spilling sort: a plain connection allowed temp files holds the name there', () => {
    const c = runChild('control');
    expect(c.held).toBeGreaterThan(0);
    expect(plainFindings(c.probe, [NAME]).some((f) => f.includes('holds'))).toBe(true);
  });

  it('open, write, report, export, backup, integrity check, CLI, rekey, desktop recovery: nothing plain in the temp folder', () => {
    const w = runChild('workload');
    expect(w.probes).toBeGreaterThan(10);
    expect(w.held).toBe(0);
    expect(plainFindings(w.tmp, [NAME])).toEqual([]);
    expect(plainFindings(w.probe, [NAME])).toEqual([]);
    // The workload did reach the data: the folders it wrote are encrypted, the export asked for is plain.
    expect(fs.readFileSync(path.join(work, 'workload', 'export.csv'), 'utf8')).toContain(NAME);
    expect(plainFindings(path.join(work, 'workload', 'desktop', 'data'), [NAME])).toEqual([]);
  });
});
