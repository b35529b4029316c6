import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPlainDatabaseFile } from '../../db/cipher';
import { DB_FILE_NAME, openBackend } from '../../server/app';
import { generateCommand } from '../../server/cli/generate';
import { defaultKeyFile } from '../../server/keys/key-file';
import { tempDir } from '../helpers/backend';
import { bundleForNode } from '../helpers/bundle';
import { openFile } from '../helpers/keyed';
import { tableCounts } from '../helpers/roles';

const root = path.resolve(__dirname, '..', '..');
let work: string;
let child: string;
let plainTemplate: string;
let expected: Record<string, number>;

beforeAll(async () => {
  work = tempDir('handoff-encrypt-crash-');
  child = path.join(work, 'encrypt-child.cjs');
  await bundleForNode(path.join(root, 'tests', 'crash', 'encrypt-child.ts'), child, {
    absWorkingDir: root,
  });
  plainTemplate = path.join(work, 'plain.db');
  await generateCommand(['--encounters', '300', '--out', plainTemplate], {
    info() {},
    error() {},
  });
  const db = new BetterSqlite3(plainTemplate, { readonly: true });
  expected = tableCounts(db);
  db.close();
}, 60_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Runs the first start in a child and kills it -9 where it stops at `step`. */
function killAt(dataDir: string, step: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, dataDir], {
      cwd: root,
      env: { ...process.env, HANDOFF_CRASH_AT: step, NODE_PATH: path.join(root, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const guard = setTimeout(() => p.kill('SIGKILL'), 20_000);
    p.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes(`crash-point ${step}`)) p.kill('SIGKILL');
    });
    p.stderr.on('data', (c: Buffer) => (err += c.toString()));
    p.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (signal === 'SIGKILL' && out.includes(`crash-point ${step}`)) resolve();
      else reject(new Error(`child ended with ${code ?? signal} before ${step}: ${out}${err}`));
    });
  });
}

describe('kill -9 while an existing plain database is encrypted', () => {
  for (const step of [
    'before-copy',
    'after-copy',
    'after-rekey',
    'before-rename',
    'after-rename',
  ]) {
    it(`killed at ${step}: the plain or the encrypted database is complete; the next start finishes`, async () => {
      const dataDir = path.join(work, step);
      fs.mkdirSync(dataDir);
      const file = path.join(dataDir, DB_FILE_NAME);
      fs.copyFileSync(plainTemplate, file);
      try {
        await killAt(dataDir, step);
        // Whichever it is, it opens and holds every row.
        const plain = isPlainDatabaseFile(file);
        expect(plain).toBe(step !== 'after-rename');
        const db = plain
          ? new BetterSqlite3(file, { readonly: true })
          : openFile(file, { readonly: true });
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(tableCounts(db)).toEqual(expected);
        db.close();
        // The next start completes the work and removes what the killed one left behind.
        openBackend({ dataDir }).close();
        expect(isPlainDatabaseFile(file)).toBe(false);
        const after = openFile(file, { readonly: true });
        expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(tableCounts(after)).toEqual(expected);
        after.close();
        expect(fs.readdirSync(dataDir).filter((f) => f.includes('encrypting'))).toEqual([]);
      } finally {
        fs.rmSync(defaultKeyFile(dataDir), { force: true });
      }
    }, 60_000);
  }
});
