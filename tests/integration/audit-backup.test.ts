import fs from 'node:fs';
import path from 'node:path';
import { openFile } from '../helpers/keyed';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupInfo } from '../../core/security/types';
import {
  appendAudit,
  isAuditResult,
  startAuditVerification,
  verifyAudit,
  verifyAuditSlice,
} from '../../db/audit';
import {
  backupDir,
  backupsToKeep,
  DAY_MS,
  dailyBackupDue,
  startBackupScheduler,
} from '../../server/backup';
import { parseServeArgs, serve } from '../../server/cli/serve';
import { setMaintenance } from '../../server/maintenance';
import { startCapacityMonitor } from '../../server/capacity/monitor';
import { AUDIT_BROKEN_EXIT, backupCommand, verifyAuditCommand } from '../../server/cli/maintenance';
import { setUpBackend, tempDir, testBackend, type TestBackend } from '../helpers/backend';
import { tableCounts } from '../helpers/roles';

let t: TestBackend | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
});

const capture = () => {
  const lines: string[] = [];
  return {
    lines,
    out: { info: (l: string) => lines.push(l), error: (l: string) => lines.push(l) },
  };
};
const mode = (f: string) => fs.statSync(f).mode & 0o777;
const usernames = (file: string) => {
  const db = openFile(file, { readonly: true });
  try {
    return (
      db.prepare('SELECT username FROM users ORDER BY username').all() as { username: string }[]
    ).map((r) => r.username);
  } finally {
    db.close();
  }
};

describe('audit log verification', () => {
  it('Settings → Verify audit log reports an intact chain, then names the row whose byte was changed', async () => {
    const s = await setUpBackend();
    t = s.t;
    await t.call('auth.signIn', { username: 'ida', password: 'wrong one' });
    await t.call('auth.signIn', { username: 'ida', password: 'intake password 1' });
    const ok = await t.must('audit.verify', {}, s.admin);
    expect(ok).toMatchObject({ ok: true, brokenAt: null });
    expect(ok.message).toMatch(/All \d+ audit rows verified/);

    // Someone with file access disables the guard and edits one byte of one row.
    const target = t.db
      .prepare("SELECT id, action FROM audit_log WHERE action = 'auth.signIn.failed'")
      .get() as { id: number; action: string };
    t.db.exec('DROP TRIGGER audit_log_no_update');
    t.db
      .prepare('UPDATE audit_log SET action = ? WHERE id = ?')
      .run('auth.signIn.faileD', target.id);
    const broken = await t.must('audit.verify', {}, s.admin);
    expect(broken).toMatchObject({ ok: false, brokenAt: target.id });
    expect(broken.message).toBe(
      `Audit row ${target.id} was altered: its hash does not match the chain.`,
    );

    const c = capture();
    expect(verifyAuditCommand(['--data-dir', t.dataDir], c.out)).toBe(AUDIT_BROKEN_EXIT);
    expect(c.lines.join('\n')).toContain(`Audit row ${target.id} was altered`);
  });

  it('a byte changed in the database file itself (app closed) is detected and the row named', async () => {
    const s = await setUpBackend();
    t = s.t;
    await t.must('backup.create', {}, s.admin);
    // The newest row's hash is stored once (no later row links to it yet).
    const row = t.db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as {
      id: number;
      hash: string;
    };
    const dataDir = t.dataDir;
    t.close();
    const file = path.join(dataDir, 'handoff.db');
    // The file is encrypted (a changed byte fails its page's HMAC); someone holding the key
    // changes one hex digit of the stored hash with the append-only trigger dropped.
    const raw = openFile(file);
    raw.exec('DROP TRIGGER audit_log_no_update');
    const digit = row.hash[0] === '0' ? '1' : '0';
    raw
      .prepare('UPDATE audit_log SET hash = ? WHERE id = ?')
      .run(digit + row.hash.slice(1), row.id);
    raw.close();

    const c = capture();
    expect(verifyAuditCommand(['--data-dir', dataDir], c.out)).toBe(AUDIT_BROKEN_EXIT);
    expect(c.lines.join('\n')).toContain(`Audit row ${row.id} was altered`);
    t = testBackend(dataDir);
    expect(verifyAudit(t.db)).toMatchObject({ ok: false, brokenAt: row.id });
  });

  it('verify-audit on an intact database exits 0; on a missing one it says where it looked', async () => {
    const s = await setUpBackend();
    t = s.t;
    const c = capture();
    expect(verifyAuditCommand(['--data-dir', t.dataDir], c.out)).toBe(0);
    expect(c.lines[0]).toMatch(/All \d+ audit rows verified/);
    expect(() => verifyAuditCommand(['--data-dir', tempDir()], c.out)).toThrow(
      /no Handoff database/,
    );
  });

  it('sign-in, failure, sign-out, idle lock and backups are on the record', async () => {
    const s = await setUpBackend();
    t = s.t;
    await t.call('auth.signIn', { username: 'ida', password: 'wrong one' });
    await t.call('auth.signIn', { username: 'ida', password: 'intake password 1' });
    await t.must('auth.lock', {}, s.intake);
    await t.must('auth.signOut', {}, s.intake);
    await t.must('backup.create', {}, s.admin);
    const actions = (
      t.db.prepare('SELECT action FROM audit_log ORDER BY id').all() as { action: string }[]
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'auth.signIn.failed',
        'auth.signIn',
        'auth.idleLock',
        'auth.signOut',
        'backup.create',
      ]),
    );
    expect(verifyAudit(t.db).ok).toBe(true);
  });
});

describe('backups', () => {
  it('a manual backup is a verified, self-contained copy readable by this user only', async () => {
    const s = await setUpBackend();
    t = s.t;
    const info = await t.must('backup.create', {}, s.admin);
    const file = path.join(backupDir(t.dataDir), info.name);
    expect(info).toMatchObject({ kind: 'manual' });
    expect(mode(file)).toBe(0o600);
    expect(mode(backupDir(t.dataDir))).toBe(0o700);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(usernames(file)).toEqual(['ada', 'ida', 'max']);
    const list = await t.must('backup.list', {}, s.admin);
    expect(list.backups.map((b) => b.name)).toContain(info.name);
    expect(list.folder).toBe(backupDir(t.dataDir));
  });

  it('handoff backup (CLI) writes a verified copy and says where', async () => {
    const s = await setUpBackend();
    t = s.t;
    const c = capture();
    expect(await backupCommand(['--data-dir', t.dataDir], c.out)).toBe(0);
    const m = /verified: (\S+) \(\d+ bytes\)/.exec(c.lines[0]!);
    expect(m).not.toBeNull();
    expect(mode(m![1]!)).toBe(0o600);
    expect(usernames(m![1]!)).toContain('ida');
    // On the record, with the operating-system account that ran it.
    const row = t.db
      .prepare("SELECT username, detail FROM audit_log WHERE action = 'backup.create'")
      .get() as { username: string; detail: string };
    expect(row.username).toMatch(/^cli:/);
    expect(JSON.parse(row.detail)).toEqual({ via: 'cli' });
  });

  it('rotation keeps the newest copy of each of the last 7 days and of the last 4 weeks', () => {
    const start = Date.UTC(2026, 0, 1, 12);
    const backups: BackupInfo[] = [];
    for (let d = 0; d < 60; d++)
      for (const h of [0, 6])
        backups.push({
          name: `d${d}h${h}`,
          kind: h ? 'daily' : 'quit',
          createdAt: start + d * DAY_MS + h * 3600_000,
          bytes: 1,
        });
    for (let i = 0; i < 8; i++)
      backups.push({ name: `mig${i}`, kind: 'before-migration', createdAt: start + i, bytes: 1 });
    const keep = backupsToKeep(backups);
    const daily = [...keep].filter((n) => n.startsWith('d'));
    // Days 53–59 (the newest per day = 06:00) plus the newest of 4 ISO weeks (3 already counted).
    for (let d = 53; d < 60; d++) expect(keep.has(`d${d}h6`)).toBe(true);
    expect(daily.length).toBe(7 + 3);
    expect([...keep].filter((n) => n.startsWith('mig')).sort()).toEqual([
      'mig3',
      'mig4',
      'mig5',
      'mig6',
      'mig7',
    ]);
  });

  it('a daily copy is taken when none is younger than a day; old ones are rotated away', async () => {
    const s = await setUpBackend();
    t = s.t;
    const log = { error: (m: string, e: unknown) => expect.fail(`${m}: ${String(e)}`) };
    for (let day = 0; day < 10; day++) {
      const sched = startBackupScheduler(t, log);
      await sched.idle();
      sched.stop();
      expect(dailyBackupDue(t.dataDir, t.clock.now())).toBe(false);
      t.clock.advance(DAY_MS + 60_000);
    }
    const list = await t.must('backup.list', {}, s.admin);
    const daily = list.backups.filter((b) => b.kind === 'daily');
    expect(daily.length).toBeGreaterThanOrEqual(7);
    expect(daily.length).toBeLessThanOrEqual(9); // 7 days + older weeks
    for (const b of daily) expect(mode(path.join(list.folder, b.name))).toBe(0o600);
  });

  it('serve mode takes a verified copy when stopped (the SIGTERM / Ctrl+C path)', async () => {
    const dataDir = tempDir();
    const ui = tempDir();
    fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>x</title>');
    process.env.HANDOFF_RENDERER_DIR = ui;
    const c = capture();
    try {
      const handle = await serve(parseServeArgs(['--data-dir', dataDir, '--port', '0']), c.out);
      await handle.stop();
    } finally {
      delete process.env.HANDOFF_RENDERER_DIR;
    }
    // The start-up daily copy and the quit copy fall on one day: rotation keeps the newer.
    const kinds = fs.readdirSync(path.join(dataDir, 'backups')).map((n) => n.split('-')[1]);
    expect(kinds).toEqual(['quit']);
    expect(c.lines.join('\n')).not.toMatch(/backup.*failed/);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('restore from Settings', () => {
  it('round trip: later changes disappear, a safety copy keeps them, the chain still verifies', async () => {
    const s = await setUpBackend();
    t = s.t;
    const copy = await t.must('backup.create', {}, s.admin);
    await t.must(
      'users.create',
      { displayName: 'Late Comer', username: 'late', role: 'intake', password: 'late password 12' },
      s.admin,
    );
    await t.must('facility.update', { name: 'Renamed Center', timeZone: 'UTC' }, s.admin);

    // The dispatch snapshot (and every other cache) rebuilds after a restore.
    const monitor = startCapacityMonitor(t);
    let rebuilds = 0;
    monitor.subscribe(() => rebuilds++);
    const r = await t.must('backup.restore', { name: copy.name, confirm: true }, s.admin);
    expect(r.restored).toBe(copy.name);
    expect(rebuilds).toBeGreaterThan(0);
    monitor.stop();
    // The same connection serves the restored data (no reopen, no stale statements).
    expect((await t.must('facility.get', {}, s.admin)).name).toBe('Test Crisis Center');
    expect((await t.must('users.list', {}, s.admin)).map((u) => u.username)).not.toContain('late');
    expect(usernames(path.join(backupDir(t.dataDir), r.safetyBackup))).toContain('late');
    expect(mode(path.join(backupDir(t.dataDir), r.safetyBackup))).toBe(0o600);
    expect(t.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(t.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const v = verifyAudit(t.db);
    expect(v.ok).toBe(true);
    const last = t.db
      .prepare('SELECT action, entity_id FROM audit_log ORDER BY id DESC LIMIT 1')
      .get();
    expect(last).toEqual({ action: 'backup.restore', entity_id: copy.name });
    // Work goes on afterwards.
    await t.must(
      'users.create',
      { displayName: 'After', username: 'after', role: 'intake', password: 'after password 12' },
      s.admin,
    );
  });

  it('refuses an unconfirmed, unknown, traversing or damaged copy, changing nothing', async () => {
    const s = await setUpBackend();
    t = s.t;
    const copy = await t.must('backup.create', {}, s.admin);
    const before = tableCounts(t.db);
    const backupsBefore = fs.readdirSync(backupDir(t.dataDir)).sort();

    const noConfirm = await t.callRaw('backup.restore', { name: copy.name }, s.admin);
    expect(noConfirm).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { confirm: expect.any(String) } },
    });
    for (const name of ['../handoff.db', '/etc/passwd', 'handoff.db-wal'])
      expect(await t.callRaw('backup.restore', { name, confirm: true }, s.admin)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    expect(
      await t.call(
        'backup.restore',
        { name: 'handoff-manual-2020-01-01T00-00-00-000Z.db', confirm: true },
        s.admin,
      ),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const damaged = 'handoff-manual-2021-01-01T00-00-00-000Z.db';
    const bytes = fs.readFileSync(path.join(backupDir(t.dataDir), copy.name));
    bytes.fill(0x41, 4096, 8192); // a page of garbage
    fs.writeFileSync(path.join(backupDir(t.dataDir), damaged), bytes);
    const bad = await t.call('backup.restore', { name: damaged, confirm: true }, s.admin);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!bad.ok) expect(bad.error.message).toMatch(/cannot be restored.*Nothing was changed/);

    expect(tableCounts(t.db)).toEqual(before);
    expect(fs.readdirSync(backupDir(t.dataDir)).sort()).toEqual([...backupsBefore, damaged].sort());
  });

  it('refuses a copy written by a newer Handoff, and other calls wait while a restore runs', async () => {
    const s = await setUpBackend();
    t = s.t;
    const copy = await t.must('backup.create', {}, s.admin);
    const newer = 'handoff-manual-2022-01-01T00-00-00-000Z.db';
    fs.copyFileSync(
      path.join(backupDir(t.dataDir), copy.name),
      path.join(backupDir(t.dataDir), newer),
    );
    const db = openFile(path.join(backupDir(t.dataDir), newer));
    db.pragma('user_version = 9999');
    db.close();
    const r = await t.call('backup.restore', { name: newer, confirm: true }, s.admin);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!r.ok) expect(r.error.message).toMatch(/newer Handoff/);

    // While the data is being replaced, calls are refused (nothing half-read or written)…
    setMaintenance(t, 'A backup is being restored.');
    try {
      expect(await t.call('users.list', {}, s.admin)).toMatchObject({
        ok: false,
        error: {
          code: 'unavailable',
          message: expect.stringMatching(/restored.*nothing was saved/),
        },
      });
      // …except the session check the UI polls with.
      expect((await t.call('session.status', {})).ok).toBe(true);
    } finally {
      setMaintenance(t, null);
    }
    expect((await t.call('users.list', {}, s.admin)).ok).toBe(true);
  });
});

describe('audit verification of a long log', () => {
  it('checks every row in slices (other calls run between them) and still names an altered old row', async () => {
    const s = await setUpBackend();
    t = s.t;
    const db = t.db;
    db.transaction(() => {
      for (let i = 0; i < 5000; i++)
        appendAudit(db, { at: i, userId: null, username: null, action: 'test.filler' });
    })();
    const total = db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;

    // Sliced as small as it gets (a stop after every 16 rows): the same answer as all at once.
    let state = startAuditVerification(db);
    let slices = 0;
    for (;;) {
      const r = verifyAuditSlice(db, state, () => true);
      slices++;
      if (isAuditResult(r)) {
        expect(r).toEqual(verifyAudit(db));
        expect(r).toMatchObject({ ok: true, rows: total });
        break;
      }
      state = r;
    }
    expect(slices).toBeGreaterThan(total / 16 - 1);

    const ok = await t.must('audit.verify', {}, s.admin);
    expect(ok).toMatchObject({ ok: true, rows: total });

    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET action = 'test.fillet' WHERE id = 10").run();
    const broken = await t.must('audit.verify', {}, s.admin);
    expect(broken).toMatchObject({ ok: false, brokenAt: 10 });
  });
});
