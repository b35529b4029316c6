import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keyOf, rekeyDatabase } from '../../db/cipher';
import {
  openDesktopDatabase,
  recoverDesktopKey,
  SEALED_KEY_FILE,
  type Sealer,
} from '../../electron/database-key';
import { openBackend, type BackendOptions } from '../../server/app';
import { auditCli } from '../../server/cli/audit';
import { keyCommand, rekeyCommand } from '../../server/cli/keys';
import {
  defaultKeyFile,
  formatRecoveryKey,
  newDatabaseKey,
  writeKeyFile,
} from '../../server/keys/key-file';
import { tempDir } from '../helpers/backend';
import type { DriverModule } from '../helpers/counted-driver';
import { fakeSealer, snapshot } from '../helpers/keyed';

/** Every SQLite connection made, by file name: the real driver, only counted. */
const connections = vi.hoisted(() => [] as string[]);
vi.mock('better-sqlite3', async (importOriginal) => {
  const { countedDriver } = await import('../helpers/counted-driver');
  return countedDriver(await importOriginal<DriverModule>(), connections);
});

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A desktop user-data folder: `data/` beside the sealed key, as the app lays it out. */
function desktopFolder() {
  const userData = tempDir();
  dirs.push(userData);
  const dataDir = path.join(userData, 'data');
  const dbFile = path.join(dataDir, 'handoff.db');
  return { userData, dataDir, dbFile, sealed: path.join(userData, SEALED_KEY_FILE) };
}

type Folder = ReturnType<typeof desktopFolder>;

const desktopStart = (f: Folder, sealer: Sealer) =>
  openDesktopDatabase(f.userData, f.dataDir, sealer);

/** A desktop start that opened the database: the key it was opened with; the database is closed. */
function readyKey(start: ReturnType<typeof openDesktopDatabase>) {
  if (start.kind !== 'open') throw new Error(`expected a key, got: ${start.problem}`);
  const key = keyOf(start.backend.db)!;
  start.backend.close();
  return key;
}

/** A first start: the key is made and sealed, the database created and encrypted with it. */
function firstStart(sealer = fakeSealer()) {
  const f = desktopFolder();
  const key = readyKey(desktopStart(f, sealer));
  return { ...f, key, recoveryKey: formatRecoveryKey(key) };
}

const silent = { info() {}, error() {} };

describe('desktop database key (safeStorage)', () => {
  it('is made once, sealed in the user-data folder beside the data folder, and opens the database', () => {
    const f = desktopFolder();
    const sealer = fakeSealer();
    const key = readyKey(desktopStart(f, sealer));
    expect(key.length).toBe(32);
    const sealed = fs.readFileSync(f.sealed);
    expect(sealed.includes(Buffer.from(key.toString('hex')))).toBe(false);
    expect(fs.statSync(f.sealed).mode & 0o777).toBe(0o600);
    openBackend({ dataDir: f.dataDir, key }).close();
    expect(fs.readdirSync(f.dataDir)).not.toContain(SEALED_KEY_FILE);
    // The next start unseals the same key and opens the database with it.
    expect(readyKey(desktopStart(f, sealer)).equals(key)).toBe(true);
    readyKey(desktopStart(f, sealer));
  });

  it('no keychain: one clear message, nothing changed', () => {
    const f = firstStart();
    const before = snapshot(f.userData);
    expect(() => desktopStart(f, fakeSealer('os-user-1', false))).toThrow(/no protected storage/);
    expect(snapshot(f.userData)).toEqual(before);
  });

  it('another OS account, a damaged or lost sealed key: recovery is offered, nothing changed', () => {
    const f = firstStart();
    const before = snapshot(f.userData);
    const other = desktopStart(f, fakeSealer('os-user-2'));
    expect(other).toMatchObject({
      kind: 'recover',
      problem: expect.stringMatching(/cannot be opened by this user account/),
    });
    expect(snapshot(f.userData)).toEqual(before);

    fs.writeFileSync(f.sealed, fakeSealer().encryptString('not a key'));
    expect(desktopStart(f, fakeSealer())).toMatchObject({ kind: 'recover' });

    fs.rmSync(f.sealed);
    const lost = desktopStart(f, fakeSealer());
    expect(lost).toMatchObject({
      kind: 'recover',
      problem: expect.stringMatching(/sealed key .* is missing/),
    });
    // No new key is made for an encrypted database.
    expect(fs.existsSync(f.sealed)).toBe(false);
    const { [SEALED_KEY_FILE]: _gone, ...rest } = before;
    expect(snapshot(f.userData)).toEqual(rest);
  });

  it('an unopenable sealed key with no database to check a typed key against is refused as before', () => {
    const f = desktopFolder();
    readyKey(desktopStart(f, fakeSealer()));
    // The key was sealed, the database not yet made (the first start stopped in between).
    fs.rmSync(f.dataDir, { recursive: true });
    expect(() => desktopStart(f, fakeSealer('os-user-2'))).toThrow(
      /cannot be opened by this user account.*Nothing was changed/,
    );
  });

  it('a malformed, mistyped or wrong recovery key gets a clear message and changes no file', () => {
    const f = firstStart();
    fs.rmSync(f.sealed);
    const before = snapshot(f.userData);
    const sealer = fakeSealer('os-user-2');
    const attempts: [string, RegExp][] = [
      ['1234-5678', /not a recovery key/],
      [(f.recoveryKey[0] === 'A' ? 'B' : 'A') + f.recoveryKey.slice(1), /typing mistake/],
      [formatRecoveryKey(newDatabaseKey()), /does not open the database/],
    ];
    for (const [typed, message] of attempts) {
      const r = recoverDesktopKey(f.userData, f.dbFile, sealer, typed);
      expect(r, typed).toEqual({ ok: false, message: expect.stringMatching(message) });
      expect(r.ok ? '' : r.message).toMatch(/Nothing was changed/);
      expect(snapshot(f.userData), typed).toEqual(before);
    }
  });

  it('after a crash (a WAL left beside the database) the check still writes nothing', () => {
    const f = firstStart();
    const running = openBackend({ dataDir: f.dataDir, key: f.key });
    running.db.exec('CREATE TABLE crash_probe (x); INSERT INTO crash_probe VALUES (1)');
    // The files as a kill -9 leaves them: copied while the connection still holds them.
    const g = desktopFolder();
    fs.mkdirSync(g.dataDir);
    for (const name of fs.readdirSync(f.dataDir).filter((n) => n.startsWith('handoff.db')))
      fs.copyFileSync(path.join(f.dataDir, name), path.join(g.dataDir, name));
    running.close();
    expect(fs.existsSync(`${g.dbFile}-wal`)).toBe(true);
    // SQLite's shared-memory index (-shm) is rebuilt from the WAL by any reader; the database
    // and its WAL, which hold the data, stay byte-identical.
    const dataFiles = () => {
      const { 'data/handoff.db-shm': _index, ...rest } = snapshot(g.userData);
      return rest;
    };
    const before = dataFiles();
    const wrong = recoverDesktopKey(
      g.userData,
      g.dbFile,
      fakeSealer(),
      formatRecoveryKey(newDatabaseKey()),
    );
    expect(wrong.ok).toBe(false);
    expect(dataFiles()).toEqual(before);
    expect(Object.keys(before)).toContain('data/handoff.db-wal');
    expect(recoverDesktopKey(g.userData, g.dbFile, fakeSealer(), f.recoveryKey).ok).toBe(true);
    const b = openBackend({ dataDir: g.dataDir, key: f.key });
    expect(b.db.prepare('SELECT x FROM crash_probe').pluck().get()).toBe(1);
    b.close();
  });

  it('the right recovery key (as typed: lower case, spaces) is sealed for this account and the app starts', () => {
    const f = firstStart();
    const before = fs.readFileSync(f.sealed);
    const sealer = fakeSealer('os-user-2'); // the same folder on a reinstalled system
    expect(desktopStart(f, sealer).kind).toBe('recover');
    const typed = ` ${f.recoveryKey.toLowerCase().replace(/-/g, ' ')} \n`;
    const r = recoverDesktopKey(f.userData, f.dbFile, sealer, typed);
    expect(r.ok && r.key.equals(f.key)).toBe(true);
    expect(fs.statSync(f.sealed).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(f.userData).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // The unopenable copy is replaced, and no copy of it is kept.
    expect(fs.readFileSync(f.sealed).equals(before)).toBe(false);
    expect(fs.existsSync(`${f.sealed}.previous`)).toBe(false);
    const key = readyKey(desktopStart(f, sealer));
    expect(key.equals(f.key)).toBe(true);
  });

  it('after handoff rekey of a desktop folder: the new recovery key is printed, the stale sealed key asks for it', () => {
    const f = firstStart();
    // The documented way: a key file from the current recovery key, then rekey.
    expect(
      keyCommand(['recover', '--data-dir', f.dataDir, '--recovery-key', f.recoveryKey], silent),
    ).toBe(0);
    const lines: string[] = [];
    const out = { info: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
    expect(rekeyCommand(['--data-dir', f.dataDir], out)).toBe(0);
    const text = lines.join('\n');
    expect(text).toMatch(/belongs to the Handoff desktop app/);
    const printed = /(([0-9A-F]{4}-){16}[0-9A-F]{4})/.exec(text)?.[1];
    expect(printed).toBeDefined();
    expect(printed).not.toBe(f.recoveryKey);
    expect(text).toContain(`delete ${defaultKeyFile(f.dataDir)}`);
    // Shown before the database changes: a rekey cut short still leaves the key that opens it.
    expect(text.indexOf(printed!)).toBeLessThan(text.indexOf('now use a new key'));

    const state = desktopStart(f, fakeSealer());
    expect(state).toMatchObject({
      kind: 'recover',
      problem: expect.stringMatching(/no longer opens the database.*rekey/),
    });
    const before = snapshot(f.userData);
    expect(recoverDesktopKey(f.userData, f.dbFile, fakeSealer(), f.recoveryKey)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/does not open the database/),
    });
    expect(snapshot(f.userData)).toEqual(before);
    const r = recoverDesktopKey(f.userData, f.dbFile, fakeSealer(), printed!);
    expect(r.ok).toBe(true);
    readyKey(desktopStart(f, fakeSealer()));
  });

  it('a normal start opens the database file once, with the sealed key', () => {
    const f = firstStart();
    const opens: BackendOptions[] = [];
    const open = (o: BackendOptions) => {
      opens.push(o);
      return openBackend(o);
    };
    connections.length = 0;
    const start = openDesktopDatabase(f.userData, f.dataDir, fakeSealer(), { open });
    expect(start.kind).toBe('open');
    expect(opens).toHaveLength(1);
    expect(opens[0]!.key!.equals(f.key)).toBe(true);
    expect(connections.filter((c) => c === f.dbFile)).toHaveLength(1);
    if (start.kind === 'open') start.backend.close();

    // A first start too: the key is sealed, then the database created with it in one open.
    const g = desktopFolder();
    connections.length = 0;
    readyKey(openDesktopDatabase(g.userData, g.dataDir, fakeSealer(), { open }));
    expect(opens).toHaveLength(2);
    expect(connections.filter((c) => c === g.dbFile)).toHaveLength(1);
  });

  it('a stale sealed key: the one open fails, writes nothing, and the recovery key is asked for', () => {
    const f = firstStart();
    fs.writeFileSync(f.sealed, fakeSealer().encryptString(newDatabaseKey().toString('hex')));
    const before = snapshot(f.userData);
    connections.length = 0;
    expect(desktopStart(f, fakeSealer())).toMatchObject({
      kind: 'recover',
      problem: expect.stringMatching(/no longer opens the database/),
    });
    expect(connections.filter((c) => c === f.dbFile)).toHaveLength(1);
    expect(snapshot(f.userData)).toEqual(before);
  });

  it('a desktop rekey cut short after the database changed: the new recovery key opens it, no old key is kept', () => {
    const f = firstStart();
    expect(
      keyCommand(['recover', '--data-dir', f.dataDir, '--recovery-key', f.recoveryKey], silent),
    ).toBe(0);
    // What handoff rekey does before it is killed re-keying the backups: the new key beside the
    // key file, the database changed to it and closed; the key file still holds the old key,
    // and the sealed key (the command line cannot seal) is untouched.
    const keyFile = defaultKeyFile(f.dataDir);
    const newKey = newDatabaseKey();
    const running = openBackend({ dataDir: f.dataDir, keyFile });
    writeKeyFile(`${keyFile}.new`, newKey);
    rekeyDatabase(running.db, newKey);
    auditCli(running.db, running.clock.now(), { action: 'protection.rekey', entity: 'database' });
    running.close();
    expect(fs.existsSync(`${keyFile}.new`)).toBe(true);
    const sealedBefore = fs.readFileSync(f.sealed);

    const before = snapshot(f.userData);
    expect(desktopStart(f, fakeSealer())).toMatchObject({
      kind: 'recover',
      problem: expect.stringMatching(/no longer opens the database/),
    });
    expect(snapshot(f.userData)).toEqual(before);
    // The old printout opens nothing; the one rekey showed before the change does.
    expect(recoverDesktopKey(f.userData, f.dbFile, fakeSealer(), f.recoveryKey).ok).toBe(false);
    expect(snapshot(f.userData)).toEqual(before);
    const r = recoverDesktopKey(f.userData, f.dbFile, fakeSealer(), formatRecoveryKey(newKey));
    expect(r.ok && r.key.equals(newKey)).toBe(true);
    expect(fs.readFileSync(f.sealed).equals(sealedBefore)).toBe(false);
    expect(fs.readdirSync(f.userData).filter((n) => n.startsWith(SEALED_KEY_FILE))).toEqual([
      SEALED_KEY_FILE,
    ]);
    // The next start opens with the new sealed key, once, and nothing was lost.
    connections.length = 0;
    const start = desktopStart(f, fakeSealer());
    if (start.kind !== 'open') throw new Error(start.problem);
    expect(connections.filter((c) => c === f.dbFile)).toHaveLength(1);
    expect(keyOf(start.backend.db)!.equals(newKey)).toBe(true);
    expect(
      start.backend.db
        .prepare("SELECT count(*) FROM audit_log WHERE action = 'protection.rekey'")
        .pluck()
        .get(),
    ).toBe(1);
    start.backend.close();
  });

  it('a serve-mode folder (no sealed key beside it) gets no recovery key printed by rekey', () => {
    const dataDir = path.join(tempDir(), 'data');
    dirs.push(path.dirname(dataDir));
    openBackend({ dataDir }).close();
    const lines: string[] = [];
    expect(rekeyCommand(['--data-dir', dataDir], { info: (l) => lines.push(l), error() {} })).toBe(
      0,
    );
    expect(lines.join('\n')).toMatch(/show the new recovery key in Settings/);
    expect(lines.join('\n')).not.toMatch(/([0-9A-F]{4}-){16}/);
  });
});
