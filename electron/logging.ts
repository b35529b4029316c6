import fs from 'node:fs';
import path from 'node:path';
import electronLog from 'electron-log/node';

/**
 * Main-process log: a file in the OS log folder, rotated by size, never holding a person's data.
 * Only our own message strings and error texts are written: objects (inputs, rows, results) are
 * never serialised into the log, so nothing a user typed can end up there.
 */
export const LOG_FILE_NAME = 'main.log';
export const MAX_LOG_BYTES = 2 * 1024 * 1024;
export const KEEP_LOG_FILES = 5;
const MAX_MESSAGE = 500;

/** main.log → main.1.log → … → main.5.log; the oldest falls off. */
export function rotateLogFiles(file: string, keep = KEEP_LOG_FILES): void {
  const { dir, name, ext } = path.parse(file);
  const nth = (n: number) => path.join(dir, `${name}.${n}${ext}`);
  fs.rmSync(nth(keep), { force: true });
  for (let n = keep - 1; n >= 1; n--) {
    if (fs.existsSync(nth(n))) fs.renameSync(nth(n), nth(n + 1));
  }
  if (fs.existsSync(file)) fs.renameSync(file, nth(1));
}

/** The text of an error (class, code, message, stack) — or a placeholder for anything else. */
export function logText(value: unknown): string {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    const head = `${value.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${value.message.slice(0, MAX_MESSAGE)}`;
    const frames = (value.stack ?? '')
      .split('\n')
      .filter((l) => /^\s+at /.test(l))
      .slice(0, 12);
    return [head, ...frames].join('\n');
  }
  if (value === undefined) return '';
  return `[${typeof value} omitted]`;
}

export interface MainLog {
  folder: string;
  file: string;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

export function createMainLog(folder: string, options: { console?: boolean } = {}): MainLog {
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  fs.chmodSync(folder, 0o700);
  const file = path.join(folder, LOG_FILE_NAME);
  const log = electronLog.create({ logId: `handoff-main-${folder}` });
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.maxSize = MAX_LOG_BYTES;
  log.transports.file.writeOptions = { encoding: 'utf8', flag: 'a', mode: 0o600 };
  log.transports.file.level = 'info';
  log.transports.file.archiveLogFn = (old) => rotateLogFiles(old.path);
  log.transports.console.level = options.console ? 'info' : false;
  const line = (message: string) => String(message).slice(0, 2 * MAX_MESSAGE);
  return {
    folder,
    file,
    info: (m) => log.info(line(m)),
    warn: (m) => log.warn(line(m)),
    error: (m, err) => log.error([line(m), logText(err)].filter(Boolean).join('\n')),
  };
}
