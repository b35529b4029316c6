import { createHash, randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import {
  deleteExpiredSessions,
  deleteSession,
  findSession,
  insertSession,
  touchSession,
} from '../../db/sessions';
import { findUserById, type UserRow } from '../../db/users';
import type { AppContext } from '../context';
import { databaseProblem } from '../integrity';
import { HOUR_MS, repeatEvery } from '../periodic';

/** A session ends after this long without a call (a shift plus handover). */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;

export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

/** Returns the raw token for the transport to hold; only its hash is stored. */
export function createSession(
  db: Database,
  userId: number,
  transport: 'http' | 'ipc',
  now: number,
): string {
  const token = randomBytes(32).toString('base64url');
  // An expired session is removed when its token comes back; one that never does (a closed
  // laptop, a cleared browser) goes at the next sign-in anywhere, so none outlives a shift.
  deleteExpiredSessions(db, now);
  insertSession(db, {
    token_hash: hashToken(token),
    user_id: userId,
    transport,
    created_at: now,
    last_seen_at: now,
    expires_at: now + SESSION_IDLE_MS,
  });
  return token;
}

/** The active user behind a token, or null (unknown, expired, or the user was disabled). */
export function resolveSession(
  db: Database,
  token: string | undefined,
  now: number,
): UserRow | null {
  if (!token || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const s = findSession(db, tokenHash);
  if (!s) return null;
  if (s.expires_at < now) {
    unlessQueryOnly(() => deleteSession(db, tokenHash));
    return null;
  }
  const user = findUserById(db, s.user_id);
  if (!user || user.disabled) return null;
  // Only write when the expiry would move noticeably: a busy board must not write on every poll.
  if (now - s.last_seen_at > 60_000)
    unlessQueryOnly(() => touchSession(db, tokenHash, now, now + SESSION_IDLE_MS));
  return user;
}

/** A damaged database is query-only (server/integrity): reading a session must still work. */
function unlessQueryOnly(write: () => void): void {
  try {
    write();
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'SQLITE_READONLY') throw err;
  }
}

export function endSession(db: Database, token: string | undefined): void {
  if (token) deleteSession(db, hashToken(token));
}

/**
 * Expired sessions also go hourly, beside the other background jobs (server/services.ts): a
 * center where nobody signs in for a while (a quiet weekend on one desk) keeps no stale rows.
 */
export function startSessionPruner(
  app: AppContext,
  log: { error(message: string, err: unknown): void },
  everyMs = HOUR_MS,
): { stop(): void } {
  const tick = () => {
    try {
      // A damaged file is query-only (server/integrity): nothing to remove until it is restored.
      if (!databaseProblem(app) && app.db.open) deleteExpiredSessions(app.db, app.clock.now());
    } catch (err) {
      log.error('removing expired sessions failed', err);
    }
  };
  return { stop: repeatEvery(everyMs, tick) };
}
