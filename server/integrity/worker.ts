import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';

/**
 * 'ok' or the first problems. Self-contained on purpose: in the desktop build this file is a
 * second entry of the main bundle, and sharing a module with main.js would split both into chunks.
 */
function check(db: Database, pragma: 'quick_check' | 'integrity_check'): string {
  const rows = db.pragma(pragma) as Record<string, string>[];
  const problems = rows.map((r) => r[pragma]!).filter((r) => r !== 'ok');
  // One row may hold many lines ('*** in database main ***' then every bad cell): keep it short.
  return problems.length
    ? problems
        .join('; ')
        .replace(/\s*\n\s*/g, '; ')
        .slice(0, 500)
    : 'ok';
}

/**
 * Worker thread entry (built to out/cli/integrity-worker.cjs): the full `quick_check` of a large
 * database on its own read-only connection, after the app is listening, so start-up does not read
 * the whole file first; or the `integrity_check` of a backup copy. Posts `{ ok: true, result }`
 * ('ok' or the problems) or `{ ok: false, message }` when it could not check.
 */
export interface IntegrityRequest {
  file: string;
  check: 'quick_check' | 'integrity_check';
  nativeBinding?: string;
  /** The database key (hex) of an encrypted file; the pragmas are db/cipher.ts applyKey's. */
  key?: string;
  /** Before checking: copy `file` here with VACUUM INTO (an encrypted file's copy keeps its key). */
  copyTo?: string;
}

function openFile(file: string, key: string | undefined, binding: string | undefined): Database {
  const db = new BetterSqlite3(file, {
    readonly: true,
    fileMustExist: true,
    ...(binding ? { nativeBinding: binding } : {}),
  });
  if (key) {
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    db.pragma(`key = "x'${key}'"`);
    db.pragma('temp_store = MEMORY');
  }
  db.pragma('busy_timeout = 5000');
  return db;
}

const request = workerData as IntegrityRequest;
let result: { ok: true; result: string } | { ok: false; message: string };
try {
  if (request.copyTo) {
    const source = openFile(request.file, request.key, request.nativeBinding);
    try {
      source.prepare('VACUUM INTO ?').run(request.copyTo);
    } finally {
      source.close();
    }
  }
  const db = openFile(request.copyTo ?? request.file, request.key, request.nativeBinding);
  try {
    result = { ok: true, result: check(db, request.check) };
  } finally {
    db.close();
  }
} catch (err) {
  const message = (err as Error).message;
  // SQLite says so itself when a damaged page stops the check half-way.
  result = /malformed|not a database|corrupt/i.test(message)
    ? { ok: true, result: message }
    : { ok: false, message };
}
parentPort?.postMessage(result);
