import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseFileError } from '../../db/errors';
import { migrate, schemaVersion } from '../../db/migrate';
import { LATEST_VERSION, MIGRATIONS } from '../../db/migrations';
import { openDatabase } from '../../db/open';
import { tempDir } from '../helpers/backend';

const dirs: string[] = [];
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** What opening `file` throws (undefined when it opens). */
function openFailure(file: string): unknown {
  try {
    openDatabase(file);
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('database migrations', () => {
  it('brings an empty file to the latest version with the durability pragmas', () => {
    const file = path.join(fresh(), 'handoff.db');
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]
    ).map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining(['facility', 'users', 'sessions', 'settings', 'audit_log']),
    );
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    db.close();
  });

  it('applies each step in order, one at a time, keeping data and backing up first', () => {
    const dir = fresh();
    const file = path.join(dir, 'handoff.db');
    for (let i = 1; i <= MIGRATIONS.length; i++) {
      const steps = MIGRATIONS.slice(0, i);
      const db = openDatabase(file, { migrations: steps, backupDir: path.join(dir, 'backups') });
      expect(schemaVersion(db)).toBe(steps[steps.length - 1]!.version);
      if (i === 1)
        db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('kept', '1', 0)").run();
      expect(db.prepare("SELECT value FROM settings WHERE key = 'kept'").get()).toEqual({
        value: '1',
      });
      db.close();
    }
    // Every step after the first ran on an existing database, so each left a copy.
    const backups = fs.existsSync(path.join(dir, 'backups'))
      ? fs.readdirSync(path.join(dir, 'backups'))
      : [];
    expect(backups.length).toBe(MIGRATIONS.length - 1);
  });

  it('rolls back every pending step when one fails, leaving the old version', () => {
    const dir = fresh();
    const file = path.join(dir, 'handoff.db');
    openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) }).close();
    const broken = [
      ...MIGRATIONS,
      {
        version: LATEST_VERSION + 10,
        name: 'ok step',
        up: (d: BetterSqlite3.Database) => d.exec('CREATE TABLE t1 (x)'),
      },
      {
        version: LATEST_VERSION + 20,
        name: 'bad step',
        up: (d: BetterSqlite3.Database) => d.exec('THIS IS NOT SQL'),
      },
    ];
    expect(() => openDatabase(file, { migrations: broken })).toThrow(DatabaseFileError);
    const db = new BetterSqlite3(file);
    expect(schemaVersion(db)).toBe(MIGRATIONS[0]!.version);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 't1'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database from a newer version, naming both versions, and changes nothing', () => {
    const file = path.join(fresh(), 'handoff.db');
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 990}`);
    raw.close();
    const before = fs.readFileSync(file);
    const error = openFailure(file);
    expect(error).toBeInstanceOf(DatabaseFileError);
    expect((error as DatabaseFileError).problem).toBe('newer_version');
    expect((error as Error).message).toContain(String(LATEST_VERSION + 990));
    expect((error as Error).message).toContain(String(LATEST_VERSION));
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not a database and leaves it byte-for-byte unchanged', () => {
    const dir = fresh();
    const file = path.join(dir, 'handoff.db');
    const content = Buffer.from('reference,first_name\nH-1,Ann\n'.repeat(50));
    fs.writeFileSync(file, content);
    expect(() => openDatabase(file)).toThrow(/not a Handoff database/);
    expect(fs.readFileSync(file).equals(content)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['handoff.db']); // no -wal / -shm left behind
  });

  it('refuses a damaged database with advice, and changes nothing', () => {
    const dir = fresh();
    const file = path.join(dir, 'handoff.db');
    const db = openDatabase(file);
    const insert = db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0)');
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`k${i}`, JSON.stringify('x'.repeat(100)));
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // Scribble over an interior page of the settings table, as a failing disk would.
    const bytes = fs.readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    const pages = bytes.length / pageSize;
    bytes.fill(0x5a, (pages - 3) * pageSize + 8, (pages - 2) * pageSize);
    fs.writeFileSync(file, bytes);
    const error = openFailure(file);
    expect(error).toBeInstanceOf(DatabaseFileError);
    expect((error as DatabaseFileError).problem).toBe('corrupt');
    expect((error as Error).message).toMatch(/damaged.*Restore the latest backup/s);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('the migrate function reports what it did', () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, ':memory:')).toMatchObject({ from: 0, to: LATEST_VERSION, backup: null });
    expect(migrate(db, ':memory:')).toMatchObject({ from: LATEST_VERSION, to: LATEST_VERSION });
    db.close();
  });
});
