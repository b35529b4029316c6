import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../core/contract';
import { DatabaseFileError, openBackend } from '../../server/app';
import { backupDir } from '../../server/backup';
import { DB_FILE_NAME } from '../../server/app';
import {
  defaultKeyFile,
  formatKeyFile,
  formatRecoveryKey,
  newDatabaseKey,
  parseRecoveryKey,
} from '../../server/keys/key-file';
import { openKeyed } from '../../db/cipher';
import { generateCommand } from '../../server/cli/generate';
import { keyCommand, rekeyCommand } from '../../server/cli/keys';
import { setUpBackend, tempDir, type TestBackend } from '../helpers/backend';
import { tableCounts } from '../helpers/roles';
import { openFile, plainFindings, snapshot } from '../helpers/keyed';
import { police } from '../helpers/encounters';

const NAME = 'Quartermaine';
// The shared police drop-off under a name no other text contains, so where it shows up is plain.
const arrival: MethodInput<'encounters.create'> = {
  ...police,
  firstName: 'Zebulon',
  lastName: NAME,
};

const HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Every file of the data folder must be unreadable without the key: no header, no name. */
function expectNothingPlain(dataDir: string) {
  expect(Object.keys(snapshot(dataDir)).length).toBeGreaterThan(0);
  expect(plainFindings(dataDir, [NAME])).toEqual([]);
}

let t: TestBackend | null = null;
const cleanups: (() => void)[] = [];
afterEach(() => {
  t?.cleanup();
  t = null;
  for (const c of cleanups.splice(0)) c();
});

function scratchDir(): string {
  const dir = tempDir();
  cleanups.push(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(defaultKeyFile(dir), { force: true });
  });
  return dir;
}

describe('encryption at rest', () => {
  it('the database, its WAL and every backup hold neither the SQLite header nor a name', async () => {
    const s = await setUpBackend();
    t = s.t;
    await t.must('encounters.create', arrival, s.intake);
    await t.must('backup.create', {}, s.admin);
    // Temporary structures (sorts, indexes) stay in memory, never in a plain temp file.
    expect(t.db.pragma('temp_store', { simple: true })).toBe(2);
    expect(fs.existsSync(`${t.db.name}-wal`)).toBe(true);
    expectNothingPlain(t.dataDir);
    // The key lives beside the data folder, never inside it, readable by this user only.
    const keyFile = defaultKeyFile(t.dataDir);
    expect(path.dirname(keyFile)).toBe(path.dirname(t.dataDir));
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    // Plain SQLite cannot read it; with the key it is the Handoff database.
    const plain = new BetterSqlite3(t.db.name, { readonly: true });
    expect(() => plain.prepare('SELECT count(*) FROM encounters').get()).toThrow(/not a database/);
    plain.close();
    const [backup] = fs.readdirSync(backupDir(t.dataDir));
    const copy = openFile(path.join(backupDir(t.dataDir), backup!), { readonly: true });
    expect(copy.prepare('SELECT last_name FROM encounters').pluck().all()).toEqual([NAME]);
    copy.close();
  });

  it('a wrong or missing key gets one clear message and leaves every file byte-identical', async () => {
    const s = await setUpBackend();
    t = s.t;
    await t.must('encounters.create', arrival, s.intake);
    const dataDir = t.dataDir;
    const keyFile = defaultKeyFile(dataDir);
    const goodKey = fs.readFileSync(keyFile, 'utf8');
    t.close();
    const before = snapshot(dataDir);

    fs.writeFileSync(keyFile, formatKeyFile(newDatabaseKey()), { mode: 0o600 });
    expect(() => openBackend({ dataDir })).toThrow(/another key/);
    expect(snapshot(dataDir)).toEqual(before);

    fs.rmSync(keyFile);
    let err: unknown;
    try {
      openBackend({ dataDir });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DatabaseFileError);
    expect((err as Error).message).toMatch(/key file .* is missing/);
    expect(fs.existsSync(keyFile)).toBe(false); // no new key is made for an encrypted database
    expect(snapshot(dataDir)).toEqual(before);

    fs.writeFileSync(keyFile, goodKey.slice(0, 40), { mode: 0o600 });
    expect(() => openBackend({ dataDir })).toThrow(/damaged or cut short/);
    fs.writeFileSync(keyFile, goodKey, { mode: 0o644 });
    fs.chmodSync(keyFile, 0o644);
    expect(() => openBackend({ dataDir })).toThrow(/chmod 600/);
    expect(snapshot(dataDir)).toEqual(before);

    fs.chmodSync(keyFile, 0o600);
    t = Object.assign(s.t, openBackend({ dataDir, clock: s.t.clock }));
    expect(t.db.prepare('SELECT count(*) FROM encounters').pluck().get()).toBe(1);
  });

  it('refuses a key file inside the data folder', () => {
    const dataDir = scratchDir();
    expect(() => openBackend({ dataDir, keyFile: path.join(dataDir, 'k.key') })).toThrow(
      /inside the data folder/,
    );
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('a backup made with another key is refused with a clear message, nothing restored', async () => {
    const s = await setUpBackend();
    t = s.t;
    const other = scratchDir();
    const stranger = openBackend({ dataDir: other });
    stranger.close();
    const name = 'handoff-manual-2026-01-01T00-00-00-000Z.db';
    fs.mkdirSync(backupDir(t.dataDir), { recursive: true });
    fs.copyFileSync(path.join(other, DB_FILE_NAME), path.join(backupDir(t.dataDir), name));
    const count = t.db.prepare('SELECT count(*) FROM audit_log').pluck().get();
    const r = await t.call('backup.restore', { name, confirm: true }, s.admin);
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r), JSON.stringify(r)).toMatch(/another key/);
    expect(t.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(count);
  });

  it('upgrading: a plain database and its plain backups are encrypted in place, nothing lost', async () => {
    const dataDir = scratchDir();
    const file = path.join(dataDir, DB_FILE_NAME);
    // A plain Handoff database as an older version left it, with a plain daily copy.
    expect(
      await generateCommand(['--encounters', '40', '--out', file], { info() {}, error() {} }),
    ).toBe(0);
    const plain = new BetterSqlite3(file);
    const names = plain.prepare('SELECT last_name FROM encounters').pluck().all() as string[];
    const counts = tableCounts(plain);
    plain.close();
    fs.mkdirSync(backupDir(dataDir));
    const oldCopy = path.join(backupDir(dataDir), 'handoff-daily-2026-01-01T00-00-00-000Z.db');
    fs.copyFileSync(file, oldCopy);
    const upgraded = openBackend({ dataDir });
    const after = tableCounts(upgraded.db);
    upgraded.close();
    expect(after).toEqual(counts);
    for (const f of Object.keys(snapshot(dataDir))) {
      const bytes = fs.readFileSync(path.join(dataDir, f));
      expect(bytes.includes(HEADER), f).toBe(false);
      expect(
        names.some((n) => n && bytes.includes(Buffer.from(n))),
        f,
      ).toBe(false);
    }
    const copy = openFile(oldCopy, { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM encounters').pluck().get()).toBe(names.length);
    copy.close();
  });

  it('handoff rekey changes the key of the database and every backup; the recovery key opens a copy elsewhere', async () => {
    const s = await setUpBackend();
    t = s.t;
    await t.must('encounters.create', arrival, s.intake);
    await t.must('backup.create', {}, s.admin);
    const { recoveryKey: oldRecovery } = await t.must('protection.recoveryKey', {}, s.admin);
    const dataDir = t.dataDir;
    const keyFile = defaultKeyFile(dataDir);
    const oldKeyText = fs.readFileSync(keyFile, 'utf8');
    t.close();
    const lines: string[] = [];
    const out = { info: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
    expect(rekeyCommand(['--data-dir', dataDir], out)).toBe(0);
    expect(lines.join('\n')).toMatch(/1 backups now use a new key/);
    expect(fs.readFileSync(keyFile, 'utf8')).not.toBe(oldKeyText);
    expect(fs.existsSync(`${keyFile}.new`)).toBe(false);
    const [backup] = fs.readdirSync(backupDir(dataDir));
    for (const f of [path.join(dataDir, DB_FILE_NAME), path.join(backupDir(dataDir), backup!)]) {
      const db = openFile(f, { readonly: true });
      expect(db.prepare('SELECT last_name FROM encounters').pluck().all()).toEqual([NAME]);
      db.close();
      expect(() => openKeyed(f, parseRecoveryKey(oldRecovery), { readonly: true })).toThrow(
        /another key/,
      );
    }
    // The new key's recovery key opens a copy of the backup on "another machine".
    t = Object.assign(s.t, openBackend({ dataDir, clock: s.t.clock }));
    const { recoveryKey } = await t.must('protection.recoveryKey', {}, s.admin);
    const elsewhere = scratchDir();
    fs.copyFileSync(path.join(backupDir(dataDir), backup!), path.join(elsewhere, DB_FILE_NAME));
    expect(() =>
      keyCommand(['recover', '--data-dir', elsewhere, '--recovery-key', oldRecovery], out),
    ).toThrow(/another key/);
    expect(fs.existsSync(defaultKeyFile(elsewhere))).toBe(false);
    expect(
      keyCommand(['recover', '--data-dir', elsewhere, '--recovery-key', recoveryKey], out),
    ).toBe(0);
    const restored = openBackend({ dataDir: elsewhere });
    expect(restored.db.prepare('SELECT last_name FROM encounters').pluck().all()).toEqual([NAME]);
    restored.close();
  });

  it('the recovery key reads back to the same key; a typing mistake is caught', () => {
    const key = newDatabaseKey();
    const text = formatRecoveryKey(key);
    expect(text).toMatch(/^([0-9A-F]{4}-){16}[0-9A-F]{4}$/);
    expect(parseRecoveryKey(text.toLowerCase()).equals(key)).toBe(true);
    const typo = (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
    expect(() => parseRecoveryKey(typo)).toThrow(/typing mistake/);
    expect(() => parseRecoveryKey('1234')).toThrow(/not a recovery key/);
  });
});
