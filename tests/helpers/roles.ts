import type { Database } from 'better-sqlite3';
import { ROLES, type Role } from '../../core/roles';
import { insertUser, type UserRow } from '../../db/users';
import { setUpBackend, type TestBackend } from './backend';

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
  const caseManager = await addCaseManager(s.t, s.admin);
  const byRole: Record<Role, UserRow> = {
    admin: s.admin,
    manager: s.manager,
    intake: s.intake,
    case_manager: caseManager,
    kiosk,
  };
  for (const r of ROLES) if (!byRole[r]) throw new Error(`no test user for role ${r}`);
  return { ...s, kiosk, caseManager, byRole };
}

/** A case manager (follow-ups, person views, intake notes), created by the administrator. */
export async function addCaseManager(t: TestBackend, admin: UserRow): Promise<UserRow> {
  const v = await t.must(
    'users.create',
    {
      displayName: 'Cass Case',
      username: 'cass',
      role: 'case_manager',
      password: 'case manager password 1',
    },
    admin,
  );
  return t.user(v.id);
}

/** How many audit rows record `action` (e.g. 'encounters.import'). */
export function auditCount(db: Database, action: string): number {
  return db
    .prepare('SELECT count(*) FROM audit_log WHERE action = ?')
    .pluck()
    .get(action) as number;
}
