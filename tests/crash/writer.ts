/**
 * Crash-test child: accepts "handoffs" in a loop exactly the way the real handoff does — one
 * transaction (encounter row + timeline event + audit row) on a connection with
 * synchronous=FULL — and prints each reference only after its COMMIT returned.
 * Run by tests/crash/harness.ts, which kills it with SIGKILL at random moments.
 */
import type { Database } from 'better-sqlite3';
import { appendAudit } from '../../db/audit';
import { openDatabase } from '../../db/open';

export function acceptHandoff(db: Database, reference: string, now: number): void {
  db.transaction(() => {
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO encounters (reference, status, referral_source, agency, officer_name,
           legal_status, presenting_concerns, arrived_at, officer_released_at, created_at, updated_at)
         VALUES (@reference, 'accepted', 'law_enforcement', 'Crash Test PD', 'Officer Test',
           'voluntary', 'suicidal_ideation', @now, @now, @now, @now)`,
      )
      .run({ reference, now });
    db.prepare(
      'INSERT INTO encounter_events (encounter_id, at, user_id, kind, detail) VALUES (?, ?, NULL, ?, NULL)',
    ).run(lastInsertRowid, now, 'accepted');
    appendAudit(db, {
      at: now,
      userId: null,
      username: 'crash-test',
      action: 'encounters.accept',
      entity: 'encounters',
      entityId: Number(lastInsertRowid),
    });
  })();
}

function main(): void {
  const [file, prefix] = process.argv.slice(2);
  if (!file || !prefix) throw new Error('usage: writer <db file> <reference prefix>');
  const db = openDatabase(file);
  if (db.pragma('synchronous', { simple: true }) !== 2) throw new Error('synchronous is not FULL');
  process.stdout.write('ready\n');
  // Only for the harness's own test: acknowledge every Nth handoff WITHOUT writing it (the bug
  // the harness exists to catch), to prove a lost acknowledged handoff is noticed.
  const dropEvery = Number(process.env.HANDOFF_CRASH_WRITER_DROP_EVERY ?? 0);
  for (let i = 0; ; i++) {
    const reference = `${prefix}-${i}`;
    if (!(dropEvery > 0 && i % dropEvery === dropEvery - 1))
      acceptHandoff(db, reference, Date.now());
    // Acknowledged only now, after COMMIT (stdout to a pipe is synchronous on Linux).
    process.stdout.write(`ack ${reference}\n`);
  }
}

main();
