/**
 * Crash-test child: accepts handoffs in a loop through the real path — the dispatcher and the
 * `encounters.create` handler with `accept: true` (one transaction: encounter, timeline events,
 * audit row; synchronous=FULL) — and prints each reference only after the call returned, i.e.
 * after COMMIT. Run by tests/crash/harness.ts, which kills it with SIGKILL at random moments.
 */
import path from 'node:path';
import { dispatch } from '../../server/api/dispatch';
import { openBackend } from '../../server/app';
import type { Caller } from '../../server/context';
import { countUsers, findUserByUsername } from '../../db/users';

async function main(): Promise<void> {
  const [file, prefix] = process.argv.slice(2);
  if (!file || !prefix) throw new Error('usage: writer <db file> <reference prefix>');
  const app = openBackend({ dataDir: path.dirname(file) });
  if (app.db.pragma('synchronous', { simple: true }) !== 2)
    throw new Error('synchronous is not FULL');
  const caller = (user: Caller['user']): Caller => ({
    user,
    address: 'crash-test',
    startSession: () => undefined,
    endSession: () => undefined,
  });
  const silent = { error: (m: string, e: unknown) => process.stderr.write(`${m}: ${String(e)}\n`) };
  if (countUsers(app.db) === 0) {
    const r = await dispatch(
      app,
      'setup.create',
      {
        facility: { name: 'Crash Test Center', timeZone: 'UTC' },
        admin: { displayName: 'Crash Admin', username: 'crash', password: 'crash test password' },
      },
      caller(null),
      silent,
    );
    if (!r.ok) throw new Error(`setup failed: ${r.error.message}`);
  }
  const user = findUserByUsername(app.db, 'crash')!;
  // Only for the harness's own test: acknowledge every Nth handoff WITHOUT writing it (the bug
  // the harness exists to catch), to prove a lost acknowledged handoff is noticed.
  const dropEvery = Number(process.env.HANDOFF_CRASH_WRITER_DROP_EVERY ?? 0);
  process.stdout.write('ready\n');
  for (let i = 0; ; i++) {
    if (dropEvery > 0 && i % dropEvery === dropEvery - 1) {
      process.stdout.write(`ack ${prefix}-never-written-${i}\n`);
      continue;
    }
    const r = await dispatch(
      app,
      'encounters.create',
      {
        referralSource: 'law_enforcement',
        agency: 'Crash Test PD',
        officerName: `Officer ${prefix}-${i}`,
        legalStatus: 'voluntary',
        accept: true,
      },
      caller(user),
      silent,
    );
    if (!r.ok) throw new Error(`handoff refused: ${r.error.message}`);
    // Acknowledged only now, after COMMIT (stdout to a pipe is synchronous on Linux).
    process.stdout.write(`ack ${(r.value as { reference: string }).reference}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
