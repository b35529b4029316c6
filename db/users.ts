import type { Database } from 'better-sqlite3';
import type { Role } from '../core/roles';
import type { UserView } from '../core/types';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  disabled: 0 | 1;
  failed_attempts: number;
  locked_until: number | null;
  created_at: number;
}

export const toUserView = (r: UserRow): UserView => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
});

export function countUsers(db: Database): number {
  return (
    db.prepare("SELECT count(*) AS n FROM users WHERE role <> 'kiosk'").get() as { n: number }
  ).n;
}

export function findUserByUsername(db: Database, username: string): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
}

export function findUserById(db: Database, id: number): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
}

export function listUsers(db: Database): UserView[] {
  return (
    db
      .prepare("SELECT * FROM users WHERE role <> 'kiosk' ORDER BY display_name COLLATE NOCASE")
      .all() as UserRow[]
  ).map(toUserView);
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
}

export function insertUser(db: Database, u: NewUser, now: number): UserRow {
  const info = db
    .prepare(
      `INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(u.username, u.displayName, u.role, u.passwordHash, now, now);
  return findUserById(db, Number(info.lastInsertRowid))!;
}

export function updateUserFields(
  db: Database,
  id: number,
  fields: { displayName?: string; role?: Role; disabled?: boolean },
  now: number,
): void {
  db.prepare(
    `UPDATE users SET
       display_name = coalesce(@displayName, display_name),
       role = coalesce(@role, role),
       disabled = coalesce(@disabled, disabled),
       updated_at = @now
     WHERE id = @id`,
  ).run({
    id,
    now,
    displayName: fields.displayName ?? null,
    role: fields.role ?? null,
    disabled: fields.disabled === undefined ? null : fields.disabled ? 1 : 0,
  });
}

export function setPasswordHash(db: Database, id: number, hash: string, now: number): void {
  db.prepare(
    'UPDATE users SET password_hash = ?, failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE id = ?',
  ).run(hash, now, id);
}

export function recordFailedSignIn(db: Database, id: number, lockedUntil: number | null): void {
  db.prepare(
    'UPDATE users SET failed_attempts = failed_attempts + 1, locked_until = coalesce(?, locked_until) WHERE id = ?',
  ).run(lockedUntil, id);
}

export function clearFailedSignIns(db: Database, id: number): void {
  db.prepare('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(id);
}

export function countActiveAdmins(db: Database): number {
  return (
    db.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0").get() as {
      n: number;
    }
  ).n;
}

/** Every user's display name by id (a history names who did what, also former staff). */
export function userDisplayNames(db: Database): Map<number, string> {
  const rows = db.prepare('SELECT id, display_name FROM users').all() as {
    id: number;
    display_name: string;
  }[];
  return new Map(rows.map((u) => [u.id, u.display_name]));
}
