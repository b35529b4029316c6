import type { Database } from 'better-sqlite3';

export interface SessionRow {
  token_hash: string;
  user_id: number;
  transport: 'http' | 'ipc';
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

export function insertSession(db: Database, s: SessionRow): void {
  db.prepare(
    `INSERT INTO sessions (token_hash, user_id, transport, created_at, last_seen_at, expires_at)
     VALUES (@token_hash, @user_id, @transport, @created_at, @last_seen_at, @expires_at)`,
  ).run(s);
}

export function findSession(db: Database, tokenHash: string): SessionRow | undefined {
  return db.prepare('SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash) as
    SessionRow | undefined;
}

export function touchSession(
  db: Database,
  tokenHash: string,
  now: number,
  expiresAt: number,
): void {
  db.prepare('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?').run(
    now,
    expiresAt,
    tokenHash,
  );
}

export function deleteSession(db: Database, tokenHash: string): void {
  db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
}

export function deleteUserSessions(db: Database, userId: number): void {
  db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
}

/** Sessions past their expiry (a browser that never came back); the table stays a shift's worth. */
export function deleteExpiredSessions(db: Database, now: number): number {
  return db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(now).changes;
}
