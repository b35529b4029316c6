import type { Database } from 'better-sqlite3';
import { ROLES, type Role } from '../../core/roles';
import { insertUser, type UserRow } from '../../db/users';
import { setUpBackend } from './backend';

/** Counts rows in every table, so "nothing was written" covers tables added later too. */
export function tableCounts(db: Database): Record<string, number> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (db.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number })
        .n,
    ]),
  );
}

/** A backend with one user of every role, kiosk included (a device credential). */
export async function backendWithEveryRole() {
  const s = await setUpBackend();
  const kiosk = insertUser(
    s.t.db,
    { username: 'kiosk-test', displayName: 'Lobby kiosk', role: 'kiosk', passwordHash: 'x' },
    s.t.clock.now(),
  );
  const byRole: Record<Role, UserRow> = {
    admin: s.admin,
    manager: s.manager,
    intake: s.intake,
    kiosk,
  };
  for (const r of ROLES) if (!byRole[r]) throw new Error(`no test user for role ${r}`);
  return { ...s, kiosk, byRole };
}
