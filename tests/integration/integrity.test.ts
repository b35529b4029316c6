import fs from 'node:fs';
import path from 'node:path';
import { keyForFile, openFile } from '../helpers/keyed';
import { afterEach, describe, expect, it } from 'vitest';
import { fullCheckPending, openDatabase } from '../../db/open';
import { DB_FILE_NAME } from '../../server/app';
import { databaseProblem, startBackgroundCheck } from '../../server/integrity';
import { setUpBackend, testBackend, type TestBackend } from '../helpers/backend';

let t: TestBackend | undefined;
const env = process.env.HANDOFF_OPEN_CHECK_MAX_BYTES;
afterEach(() => {
  t?.cleanup();
  t = undefined;
  if (env === undefined) delete process.env.HANDOFF_OPEN_CHECK_MAX_BYTES;
  else process.env.HANDOFF_OPEN_CHECK_MAX_BYTES = env;
});

/** A set-up database with a list of agencies several pages deep, closed; returns its folder. */
async function databaseWithManyAgencies(): Promise<string> {
  const s = await setUpBackend();
  const db = s.t.db;
  const insert = db.prepare('INSERT INTO agencies (name, last_used_at, uses) VALUES (?, 0, 1)');
  db.transaction(() => {
    for (let i = 0; i < 3000; i++) insert.run(`Agency ${i} ${'x'.repeat(80)}`);
  })();
  const dir = s.t.dataDir;
  s.t.close();
  return dir;
}

/** Scribbles over the agencies table's root (an interior page), as a failing disk would. */
function damageAgencies(file: string): Buffer {
  const raw = openFile(file, { readonly: true });
  const root = (
    raw.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'agencies'").get() as {
      rootpage: number;
    }
  ).rootpage;
  raw.close();
  const bytes = fs.readFileSync(file);
  // The file is encrypted (SQLCipher's 4096-byte pages): the scribbled page fails its HMAC.
  const pageSize = 4096;
  bytes.fill(0x5a, (root - 1) * pageSize + 8, root * pageSize);
  fs.writeFileSync(file, bytes);
  return bytes;
}

describe('integrity check of a large database after start-up', () => {
  it('a large database is checked in part at open and in full afterwards; an intact one keeps working', async () => {
    const dir = await databaseWithManyAgencies();
    process.env.HANDOFF_OPEN_CHECK_MAX_BYTES = '0'; // every file counts as large
    t = testBackend(dir);
    expect(fullCheckPending(t.db)).toBe(true);
    const messages: string[] = [];
    expect(await startBackgroundCheck(t, { onDamaged: (m) => messages.push(m) }).done).toBe('ok');
    expect(messages).toEqual([]);
    expect(databaseProblem(t)).toBeNull();
    expect(
      (await t.call('auth.signIn', { username: 'ada', password: 'correct horse battery' })).ok,
    ).toBe(true);
  });

  it('damage found by the background check refuses every call with the message and leaves the file byte-for-byte unchanged', async () => {
    const dir = await databaseWithManyAgencies();
    const file = path.join(dir, DB_FILE_NAME);
    const bytes = damageAgencies(file);

    // Small enough to be checked in full at open: refused before anything starts.
    expect(() => openDatabase(file, { key: keyForFile(file) })).toThrow(
      /damaged.*Restore the latest backup/s,
    );

    // Treated as large: the open checks only the schema and the small tables, so it starts…
    process.env.HANDOFF_OPEN_CHECK_MAX_BYTES = '0';
    t = testBackend(dir);
    // …and a desk signs in before the full check has run (its session goes to the WAL).
    expect(
      (await t.call('auth.signIn', { username: 'ada', password: 'correct horse battery' })).ok,
    ).toBe(true);

    const messages: string[] = [];
    const result = await startBackgroundCheck(t, { onDamaged: (m) => messages.push(m) }).done;
    expect(result).toMatch(/is damaged .*stopped saving anything.*Restore the latest backup/s);
    expect(messages).toEqual([result]);
    expect(databaseProblem(t)).toBe(result);

    // Every desk is told; nothing else is answered or written.
    expect(await t.must('session.status', {})).toMatchObject({
      user: null,
      databaseProblem: result,
    });
    const admin = t.user(1);
    for (const [method, input] of [
      ['auth.signIn', { username: 'ada', password: 'correct horse battery' }],
      ['users.list', {}],
      ['facility.update', { name: 'Renamed', timeZone: 'America/Phoenix' }],
    ] as const) {
      const r = await t.callRaw(method, input, admin);
      expect(r).toEqual({ ok: false, error: { code: 'unavailable', message: result } });
    }
    t.close();
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });
});
