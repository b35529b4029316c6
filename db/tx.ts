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
