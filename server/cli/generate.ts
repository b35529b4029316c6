import fs from 'node:fs';
import path from 'node:path';
import { isTimeZone } from '../../core/schemas/common';
import { addDays, localDay, parseDay } from '../../core/reports/range';
import { batchInserter } from '../../db/batch-insert';
import { createFacility } from '../../db/facility';
import { openDatabase } from '../../db/open';
import { loadInBulk } from '../../db/bulk-load';
import { generateFollowUpHistory } from '../../db/follow-up-history';
import { insertUser } from '../../db/users';
import { hashPassword } from '../auth/passwords';
import { systemClock } from '../clock';
import { DEMO_USERS } from '../demo';
import { newFacilityPublicId } from '../facility-id';
import { GENERATED_COLUMNS, generateHistory } from '../generate/history';
import { UsageError, parse } from './args';
import type { Out } from './interchange';

/**
 * `handoff generate --encounters N --out FILE.db [--seed S] [--end YYYY-MM-DD]`: a new database
 * with a synthetic history and the demo sign-ins. Written to a temporary file with journaling off
 * (nothing to protect until it is complete), then renamed into place.
 */
export async function generateCommand(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parse(args, {
    encounters: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string' },
    end: { type: 'string' },
    'time-zone': { type: 'string' },
    force: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError('generate takes no arguments');
  const n = Number(values.encounters);
  if (!values.encounters || !Number.isInteger(n) || n < 0 || n > 20_000_000)
    throw new UsageError('--encounters must be a whole number from 0 to 20000000');
  if (!values.out) throw new UsageError('--out FILE.db is required');
  const timeZone = values['time-zone'] ?? 'America/Phoenix';
  if (!isTimeZone(timeZone)) throw new UsageError(`--time-zone: unknown time zone "${timeZone}"`);
  // The history runs to the end of its last day in the facility's zone: a day not over yet there
  // would put arrivals in the future, which a desk, the figures and an import all refuse.
  const lastFullDay = addDays(localDay(systemClock.now(), timeZone), -1);
  const endDay = values.end ?? lastFullDay;
  if (!parseDay(endDay)) throw new UsageError(`--end must be a date YYYY-MM-DD (got "${endDay}")`);
  if (endDay > lastFullDay)
    throw new UsageError(
      `--end ${endDay} is not over yet in ${timeZone}: the history would hold arrivals in the ` +
        `future. Use ${lastFullDay} or earlier.`,
    );
  const target = path.resolve(values.out);
  if (fs.existsSync(target) && !values.force)
    throw new UsageError(`${target} exists; choose another --out or pass --force to replace it`);

  const started = process.hrtime.bigint();
  const tmp = `${target}.generating`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  const now = Date.parse(`${endDay}T23:59:59Z`);
  const hashes = await Promise.all(DEMO_USERS.map((u) => hashPassword(u.password)));
  const db = openDatabase(tmp, { now: () => now });
  try {
    loadInBulk(db, () => {
      const insert = batchInserter(db, 'encounters', GENERATED_COLUMNS);
      createFacility(
        db,
        newFacilityPublicId('Generated Crisis Center'),
        { name: 'Generated Crisis Center', timeZone, address: null, phone: null },
        now,
      );
      DEMO_USERS.forEach((u, i) =>
        insertUser(
          db,
          {
            username: u.username,
            displayName: u.displayName,
            role: u.role,
            passwordHash: hashes[i]!,
          },
          now,
        ),
      );
      generateHistory({ encounters: n, seed: values.seed ?? '1', endDay, timeZone }, (v) =>
        insert.add(v),
      );
      insert.flush();
      generateFollowUpHistory(db, now, null); // migration 0150
    });
  } finally {
    db.close();
  }
  fs.renameSync(tmp, target);
  fs.chmodSync(target, 0o600);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  out.info(
    `Generated ${n} encounters into ${target} in ${seconds.toFixed(1)} s (sign in as manager / demo-manager-password).`,
  );
  return 0;
}
