import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';

export interface AuditEntry {
  at: number;
  userId: number | null;
  username: string | null;
  action: string;
  entity?: string | null;
  entityId?: string | number | null;
  /** Never a person's clinical details: ids and field names only. */
  detail?: Record<string, unknown> | null;
}

export interface AuditRow {
  id: number;
  at: number;
  user_id: number | null;
  username: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

function rowHash(
  prevHash: string,
  r: Omit<AuditRow, 'id' | 'hash' | 'prev_hash'> & { id: number },
): string {
  const canonical = JSON.stringify([
    r.id,
    r.at,
    r.user_id,
    r.username,
    r.action,
    r.entity,
    r.entity_id,
    r.detail,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** Appends one chained row. Call inside the transaction of the change it records. */
export function appendAudit(db: Database, e: AuditEntry): void {
  const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
    { id: number; hash: string } | undefined;
  const prev = last?.hash ?? GENESIS;
  const row = {
    id: (last?.id ?? 0) + 1,
    at: e.at,
    user_id: e.userId,
    username: e.username,
    action: e.action,
    entity: e.entity ?? null,
    entity_id: e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
    detail: e.detail ? JSON.stringify(e.detail) : null,
  };
  db.prepare(
    `INSERT INTO audit_log (id, at, user_id, username, action, entity, entity_id, detail, prev_hash, hash)
     VALUES (@id, @at, @user_id, @username, @action, @entity, @entity_id, @detail, @prev_hash, @hash)`,
  ).run({ ...row, prev_hash: prev, hash: rowHash(prev, row) });
}

export interface AuditVerification {
  ok: boolean;
  rows: number;
  /** The first row whose content or link does not match the chain. */
  brokenAt: number | null;
  message: string;
}

/** Where a verification stands between slices: the next row expected and the hash it links to. */
export interface AuditChainCursor {
  prev: string;
  nextId: number;
  rows: number;
  /** The last row to verify (the newest when the verification began). */
  lastId: number;
}

export function startAuditVerification(db: Database): AuditChainCursor {
  const lastId = (db.prepare('SELECT max(id) FROM audit_log').pluck().get() as number | null) ?? 0;
  return { prev: GENESIS, nextId: 1, rows: 0, lastId };
}

/**
 * Verifies rows from `cursor` on, until `stop()` says so (asked every 16 rows) or the chain is
 * done: a result when finished or broken, else the cursor to carry on from. Each slice reads by
 * id, so the chain may grow meanwhile; rows after `lastId` are left for the next verification.
 */
export function verifyAuditSlice(
  db: Database,
  cursor: AuditChainCursor,
  stop: () => boolean = () => false,
): AuditVerification | AuditChainCursor {
  let { prev, nextId: expectedId, rows } = cursor;
  const rowsOf = db
    .prepare('SELECT * FROM audit_log WHERE id >= ? AND id <= ? ORDER BY id')
    .iterate(expectedId, cursor.lastId) as IterableIterator<AuditRow>;
  try {
    for (const r of rowsOf) {
      rows++;
      if (r.id !== expectedId) {
        return {
          ok: false,
          rows,
          brokenAt: expectedId,
          message: `Audit row ${expectedId} is missing.`,
        };
      }
      if (r.prev_hash !== prev || rowHash(prev, r) !== r.hash) {
        return {
          ok: false,
          rows,
          brokenAt: r.id,
          message: `Audit row ${r.id} was altered: its hash does not match the chain.`,
        };
      }
      prev = r.hash;
      expectedId++;
      if (rows % 16 === 0 && expectedId <= cursor.lastId && stop())
        return { prev, nextId: expectedId, rows, lastId: cursor.lastId };
    }
  } finally {
    rowsOf.return?.();
  }
  // Rows missing at the very end (deleted newest rows) leave a gap before lastId.
  if (expectedId <= cursor.lastId)
    return {
      ok: false,
      rows,
      brokenAt: expectedId,
      message: `Audit row ${expectedId} is missing.`,
    };
  return { ok: true, rows, brokenAt: null, message: `All ${rows} audit rows verified.` };
}

export const isAuditResult = (r: AuditVerification | AuditChainCursor): r is AuditVerification =>
  'ok' in r;

/** The whole chain at once (the CLI's `verify-audit`, tests). */
export function verifyAudit(db: Database): AuditVerification {
  const r = verifyAuditSlice(db, startAuditVerification(db));
  if (!isAuditResult(r)) throw new Error('unreachable: a slice without a stop finishes');
  return r;
}
