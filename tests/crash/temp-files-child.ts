import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { MethodInput } from '../../core/contract';
import { keyOf } from '../../db/cipher';
import { findUserByUsername } from '../../db/users';
import { openDesktopDatabase, recoverDesktopKey } from '../../electron/database-key';
import { dispatch } from '../../server/api/dispatch';
import { DB_FILE_NAME, openBackend, type Backend } from '../../server/app';
import { exportCommand, reportCommand } from '../../server/cli/interchange';
import { keyCommand, rekeyCommand } from '../../server/cli/keys';
import { backupCommand, verifyAuditCommand } from '../../server/cli/maintenance';
import { retentionCommand } from '../../server/cli/retention';
import { checkFileOffThread } from '../../server/integrity';
import { defaultKeyFile, formatRecoveryKey } from '../../server/keys/key-file';
import { fakeSealer } from '../helpers/keyed';

/**
 * Child of tests/integration/encryption-temp-files.test.ts, started with TMPDIR, TMP, TEMP and
 * SQLITE_TMPDIR on a fresh folder (SQLite reads them once per process, so it must be a process
 * of its own). `workload` runs what serve mode, the command line and the desktop app do with the
 * database; `control` sorts on a plain connection allowed temp files, to show the probe sees them.
 *
 * SQLite unlinks a temp file as it opens it, so a look at the folder afterwards would find
 * nothing: `probe` also copies every file this process holds open in the temp folder (Linux's
 * /proc/self/fd), in the middle of large sorts and between the steps.
 */
const [mode, work, name] = process.argv.slice(2) as [string, string, string];
const tmp = fs.realpathSync(process.env.TMPDIR!);
const probeDir = path.join(work, 'probe');
fs.mkdirSync(probeDir, { recursive: true });
let probes = 0;
let held = 0;

function probe(label: string): void {
  probes++;
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = fs.readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue;
    }
    if (!target.startsWith(tmp)) continue;
    held++;
    try {
      fs.writeFileSync(
        path.join(probeDir, `${label}-${fd}`),
        fs.readFileSync(`/proc/self/fd/${fd}`),
      );
    } catch {
      /* closed meanwhile */
    }
  }
}

/** A sort far larger than SQLite's in-memory sorter budget: with temp files allowed, it spills. */
function bigSort(db: Database, label: string): void {
  // A small page cache makes the sorter spill after a few hundred kilobytes.
  const cache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = 100');
  let rows = 0;
  const sorted = db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000)
     SELECT i, ? || printf('%.200c', 'x') || i AS v FROM n ORDER BY v DESC`,
  );
  for (const _row of sorted.iterate(name)) if (rows++ === 10) probe(label);
  db.pragma(`cache_size = ${cache}`);
}

const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const silent = { info() {}, error() {} };
const caller = (user: { id: number } | null) => ({
  user: user as never,
  address: 'temp-files',
  startSession: () => undefined,
  endSession: () => undefined,
});

async function must<K extends Parameters<typeof dispatch>[1]>(
  app: Backend,
  method: K,
  input: unknown,
  as: string | null,
) {
  const user = as ? (findUserByUsername(app.db, as) ?? null) : null;
  const r = await dispatch(app, method, input, caller(user), { error: () => undefined });
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** The desk's day: setup, arrivals under the seeded name, a report, an export, a backup. */
async function deskDay(app: Backend): Promise<void> {
  await must(
    app,
    'setup.create',
    {
      facility: { name: 'Temp Files Center', timeZone: 'UTC' },
      admin: { displayName: 'Ada', username: 'ada', password: 'correct horse battery' },
    },
    null,
  );
  const arrival: MethodInput<'encounters.create'> = {
    referralSource: 'law_enforcement',
    agency: 'Tucson Police Department',
    officerName: 'Dana Reyes',
    badgeNumber: '4471',
    firstName: 'Zebulon',
    lastName: name,
    dateOfBirth: '1991-04-12',
    legalStatus: 'involuntary_hold',
    presentingConcerns: ['suicidal_ideation'],
  };
  for (let i = 0; i < 25; i++) await must(app, 'encounters.create', arrival, 'ada');
  probe('after-writes');
  await must(app, 'reports.figures', { from: day(-30), to: day(1) }, 'ada');
  await must(app, 'encounters.exportPage', { after: null, reason: 'temp files check' }, 'ada');
  await must(app, 'backup.create', {}, 'ada');
  bigSort(app.db, 'app-connection-sort');
  const file = path.join(app.dataDir, DB_FILE_NAME);
  const check = checkFileOffThread(file, 'integrity_check', { key: keyOf(app.db) });
  if (!check) throw new Error('the integrity worker is not bundled next to the child');
  if ((await check) !== 'ok') throw new Error('integrity check failed');
  probe('after-check');
}

async function workload(): Promise<void> {
  // Serve mode and the command line: the key file beside the data folder.
  const dataDir = path.join(work, 'serve', 'data');
  const served = openBackend({ dataDir });
  await deskDay(served);
  served.close();
  const d = ['--data-dir', dataDir];
  const csv = path.join(work, 'export.csv'); // asked for, outside the temp folder
  for (const [label, run] of [
    ['report', () => reportCommand([...d, '--from', day(-30), '--to', day(1)], silent)],
    ['export', () => exportCommand([...d, '--out', csv, '--reason', 'temp files check'], silent)],
    ['backup', () => backupCommand(d, silent)],
    ['verify-audit', () => verifyAuditCommand(d, silent)],
    ['retention', () => retentionCommand([...d, '--dry-run'], silent)],
    ['rekey', () => rekeyCommand(d, silent)],
  ] as const) {
    if ((await run()) !== 0) throw new Error(`handoff ${label} failed`);
    probe(label);
  }

  // The desktop app: its key sealed in the user-data folder, lost, then recovered.
  const userData = path.join(work, 'desktop');
  const dbFile = path.join(userData, 'data', DB_FILE_NAME);
  const sealer = fakeSealer();
  const first = openDesktopDatabase(userData, path.dirname(dbFile), sealer);
  if (first.kind !== 'open') throw new Error(first.problem);
  const desk = first.backend;
  const recovery = formatRecoveryKey(keyOf(desk.db)!);
  await deskDay(desk);
  desk.close();
  fs.rmSync(path.join(userData, 'database-key.sealed'));
  if (openDesktopDatabase(userData, path.dirname(dbFile), sealer).kind !== 'recover')
    throw new Error('no recovery');
  if (!recoverDesktopKey(userData, dbFile, sealer, recovery).ok) throw new Error('recovery failed');
  probe('desktop-recovered');
  // A desktop folder's rekey (from the recovery key's key file) and the next start.
  const keyed = ['--data-dir', path.dirname(dbFile)];
  if (keyCommand(['recover', ...keyed, '--recovery-key', recovery], silent) !== 0)
    throw new Error('key recover failed');
  if (rekeyCommand(keyed, silent) !== 0) throw new Error('desktop rekey failed');
  fs.rmSync(defaultKeyFile(path.dirname(dbFile)));
  probe('desktop-rekeyed');
}

function control(): void {
  const db = new BetterSqlite3(path.join(work, 'control.db'));
  db.pragma('temp_store = FILE');
  bigSort(db, 'control-sort');
  db.close();
}

(mode === 'control' ? Promise.resolve(control()) : workload()).then(
  () => {
    process.stdout.write(`${JSON.stringify({ probes, held })}\n`);
    process.exit(0);
  },
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
