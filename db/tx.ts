import type { Database, Transaction } from 'better-sqlite3';

type Runner = Transaction<(fn: () => unknown) => unknown>;
const runners = new WeakMap<Database, Runner>();

/**
 * `db.transaction(fn)()` without building a new transaction function on every call (better-sqlite3
 * makes five wrappers per `db.transaction`, a measurable part of a handoff's CPU time): one
 * runner per connection. Same semantics: BEGIN … COMMIT at the top level, a SAVEPOINT when
 * already inside a transaction (all-or-nothing either way), rolled back when `fn` throws.
 */
export function inTransaction<T>(db: Database, fn: () => T): T {
  let run = runners.get(db);
  if (!run) {
    run = db.transaction((f: () => unknown) => f());
    runners.set(db, run);
  }
  return run(fn) as T;
}

/**
 * Runs `fn` with synchronous=NORMAL: its commit is durable at the next full sync instead of
 * costing its own fsync (a read's audit row). FULL again afterwards, whatever happens.
 */
export function withRelaxedSync<T>(db: Database, fn: () => T): T {
  db.pragma('synchronous = NORMAL');
  try {
    return fn();
  } finally {
    db.pragma('synchronous = FULL');
  }
}

/**
 * Runs `fn` with a page cache of `kib` KiB: a large transaction spills the default 2 MB cache
 * into the WAL again and again. The cache size before is restored whatever happens.
 */
export function withPageCache<T>(db: Database, kib: number, fn: () => T): T {
  const before = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${kib}`);
  try {
    return fn();
  } finally {
    db.pragma(`cache_size = ${before}`);
  }
}

/** Moves when another connection commits (e.g. a `handoff import` in another process). */
export function dataVersion(db: Database): number {
  return db.pragma('data_version', { simple: true }) as number;
}
