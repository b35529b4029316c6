import { EventEmitter } from 'node:events';
import type { Database } from 'better-sqlite3';
import { appendAudit } from '../db/audit';
import { inTransaction, withRelaxedSync } from '../db/tx';
import type { UserRow } from '../db/users';
import { batchCapacity } from './capacity/state';
import type { Clock } from './clock';

/** Pushed to every open UI (IPC or server-sent events) so other desks refresh within seconds. */
export interface ChangeEvent {
  topic: string;
}

/** Everything a handler needs, built once per running backend. */
export interface AppContext {
  db: Database;
  clock: Clock;
  dataDir: string;
  events: EventEmitter<{ change: [ChangeEvent] }>;
  /**
   * Hooks later capabilities use to rebuild caches (e.g. the dispatch snapshot) after a write.
   * The topic `*` means everything may have changed (a backup was restored): rebuild all.
   */
  afterWrite: Set<(topics: readonly string[]) => void>;
}

/** How the caller's transport binds a session: an HTTP cookie, or the Electron window. */
export interface Caller {
  user: UserRow | null;
  /** The client's address (HTTP) or `ipc`; used for sign-in throttling. */
  address: string;
  startSession(userId: number): void;
  endSession(): void;
}

export interface AuditSpec {
  action: string;
  entity?: string;
  entityId?: string | number | null;
  detail?: Record<string, unknown>;
}

export interface HandlerCtx {
  app: AppContext;
  caller: Caller;
  now: number;
  /** The signed-in user; handlers with non-public access can rely on it. */
  user: UserRow;
  /**
   * Runs `fn` in one transaction together with its audit row, then tells every open UI.
   * The audit spec may depend on the result (e.g. the id just created).
   */
  write<T>(
    topics: readonly string[],
    audit: AuditSpec | ((result: T) => AuditSpec),
    fn: () => T,
  ): T;
  audit(spec: AuditSpec): void;
}

export interface HandlerCtxOptions {
  /**
   * The method only reads (contract audit flag 'read'): its audit row ("who viewed what") is
   * committed with synchronous=NORMAL, durable at the next full sync (the next write or
   * checkpoint) instead of costing its own fsync. An application crash loses nothing; a power
   * cut may lose the last seconds of view records, never a handoff or any change of data.
   */
  readOnly?: boolean;
}

export function createHandlerCtx(
  app: AppContext,
  caller: Caller,
  options: HandlerCtxOptions = {},
): HandlerCtx {
  const now = app.clock.now();
  const auditRow = (spec: AuditSpec) =>
    appendAudit(app.db, {
      at: now,
      userId: caller.user?.id ?? null,
      username: caller.user?.username ?? null,
      action: spec.action,
      entity: spec.entity ?? null,
      entityId: spec.entityId ?? null,
      detail: spec.detail ?? null,
    });
  return {
    app,
    caller,
    now,
    get user(): UserRow {
      if (!caller.user) throw new Error('handler needs a signed-in user');
      return caller.user;
    },
    write(topics, audit, fn) {
      const result = inTransaction(app.db, () => {
        // Capacity figures are recomputed once, after the body, whatever it touched.
        const r = batchCapacity(app.db, fn);
        auditRow(typeof audit === 'function' ? audit(r) : audit);
        return r;
      });
      notifyChange(app, topics);
      return result;
    },
    audit(spec) {
      if (!options.readOnly || app.db.inTransaction) return void auditRow(spec);
      withRelaxedSync(app.db, () => auditRow(spec));
    },
  };
}

export function notifyChange(app: AppContext, topics: readonly string[]): void {
  if (topics.length === 0) return;
  for (const hook of app.afterWrite) hook(topics);
  for (const topic of topics) app.events.emit('change', { topic });
}
