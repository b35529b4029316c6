import { createHash, randomInt } from 'node:crypto';

// No 0/O, 1/I/L: the code is read off one screen and typed on another.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** 12 characters from 31 (≈59 bits): far beyond guessing through a rate-limited sign-in path. */
export function newKioskCode(): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** Case, spaces and dashes do not matter when typing the code. */
export const normalizeKioskCode = (code: string): string =>
  code.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** High-entropy random codes need no slow hash: a plain SHA-256 keeps the table lookup direct. */
export const hashKioskCode = (code: string): string =>
  createHash('sha256').update(normalizeKioskCode(code)).digest('hex');
