import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../core/result';
import { msg } from '../../core/messages';
import { fileTooLarge, MAX_IMPORT_BYTES } from './import';

/**
 * Files being uploaded for import through the API (the UI sends a large CSV in 1 MB pieces so
 * every transport's message limit holds and progress can be shown). They live in the data folder
 * (same protection as the database), owned by the user who began them, and are deleted after the
 * import commits or after an hour.
 */
interface Upload {
  file: string;
  userId: number;
  size: number;
  received: number;
  startedAt: number;
}

const MAX_AGE_MS = 60 * 60_000;
/**
 * Open uploads a user may hold: the one importing, a dry run kept for the real run, one spare.
 * Beginning another forgets that user's oldest (an import abandoned half way is never resumed).
 */
export const MAX_UPLOADS_PER_USER = 3;
/** Open uploads in all: more users than this importing at once is refused until one finishes. */
export const MAX_UPLOADS = 20;
const uploads = new Map<string, Upload>();

function dir(dataDir: string): string {
  const d = path.join(dataDir, 'imports');
  fs.mkdirSync(d, { recursive: true, mode: 0o700 });
  return d;
}

function sweep(now: number): void {
  for (const [id, u] of uploads) {
    if (now - u.startedAt > MAX_AGE_MS) discardUpload(id);
  }
}

export function beginUpload(dataDir: string, userId: number, size: number, now: number): string {
  sweep(now);
  if (size > MAX_IMPORT_BYTES) {
    throw new ApiError('invalid_input', fileTooLarge(size), { file: msg('fileTooLargeField') });
  }
  if (size === 0)
    throw new ApiError('invalid_input', msg('fileEmpty'), { file: msg('fileEmptyField') });
  // Map order is insertion order: the first of a user's is their oldest.
  const folder = dir(dataDir);
  const own = [...uploads]
    .filter(([, u]) => u.userId === userId && path.dirname(u.file) === folder)
    .map(([k]) => k);
  for (const old of own.slice(0, Math.max(0, own.length - MAX_UPLOADS_PER_USER + 1)))
    discardUpload(old);
  if (uploads.size >= MAX_UPLOADS) throw new ApiError('rate_limited', msg('tooManyUploads'));
  const id = randomBytes(16).toString('hex');
  const file = path.join(folder, `${id}.csv`);
  fs.writeFileSync(file, '', { mode: 0o600 });
  uploads.set(id, { file, userId, size, received: 0, startedAt: now });
  return id;
}

function get(id: string, userId: number): Upload {
  const u = uploads.get(id);
  if (!u || u.userId !== userId) throw new ApiError('not_found', msg('uploadExpired'));
  return u;
}

export function appendUpload(id: string, userId: number, base64: string): number {
  const u = get(id, userId);
  const bytes = Buffer.from(base64, 'base64');
  if (u.received + bytes.length > u.size) throw new ApiError('invalid_input', msg('uploadTooLong'));
  fs.appendFileSync(u.file, bytes);
  u.received += bytes.length;
  return u.received;
}

/** The uploaded file, once complete. */
export function completedUpload(id: string, userId: number): string {
  const u = get(id, userId);
  if (u.received !== u.size)
    throw new ApiError(
      'invalid_input',
      msg('uploadIncomplete', { received: u.received, size: u.size }),
    );
  return u.file;
}

export function discardUpload(id: string): void {
  const u = uploads.get(id);
  if (!u) return;
  uploads.delete(id);
  fs.rmSync(u.file, { force: true });
}
