import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/backend';

/** Electron's safeStorage as the OS gives it: sealing works, or the keychain is unavailable. */
const h = vi.hoisted(() => ({ available: true, sealedWith: 'os-user-1' }));
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => h.available,
    encryptString: (s: string) => Buffer.from(`${h.sealedWith}:${s}`, 'utf8').reverse(),
    decryptString: (b: Buffer) => {
      const text = Buffer.from(b).reverse().toString('utf8');
      if (!text.startsWith(`${h.sealedWith}:`)) throw new Error('Error while decrypting');
      return text.slice(h.sealedWith.length + 1);
    },
  },
}));

const { safeStorage } = await import('electron');
const { desktopKey, SEALED_KEY_FILE } = await import('../../electron/database-key');
const { openBackend } = await import('../../server/app');

const dirs: string[] = [];
afterEach(() => {
  h.available = true;
  h.sealedWith = 'os-user-1';
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function userData() {
  const d = tempDir();
  dirs.push(d);
  return d;
}

describe('desktop database key (safeStorage)', () => {
  it('is made once, sealed in the user-data folder beside the data folder, and opens the database', () => {
    const ud = userData();
    const dataDir = path.join(ud, 'data');
    const dbFile = path.join(dataDir, 'handoff.db');
    const key = desktopKey(ud, dbFile, safeStorage);
    expect(key.length).toBe(32);
    const sealed = fs.readFileSync(path.join(ud, SEALED_KEY_FILE));
    expect(sealed.includes(Buffer.from(key.toString('hex')))).toBe(false);
    const b = openBackend({ dataDir, key });
    b.close();
    expect(fs.readdirSync(dataDir)).not.toContain(SEALED_KEY_FILE);
    // The next start unseals the same key.
    expect(desktopKey(ud, dbFile, safeStorage).equals(key)).toBe(true);
    openBackend({ dataDir, key: desktopKey(ud, dbFile, safeStorage) }).close();
  });

  it('another OS account, no keychain, or a lost sealed key: one clear message, nothing changed', () => {
    const ud = userData();
    const dataDir = path.join(ud, 'data');
    const dbFile = path.join(dataDir, 'handoff.db');
    openBackend({ dataDir, key: desktopKey(ud, dbFile, safeStorage) }).close();
    const before = fs.readFileSync(dbFile);
    h.sealedWith = 'os-user-2';
    expect(() => desktopKey(ud, dbFile, safeStorage)).toThrow(/cannot be opened by this user/);
    h.available = false;
    expect(() => desktopKey(ud, dbFile, safeStorage)).toThrow(/no protected storage/);
    h.available = true;
    fs.rmSync(path.join(ud, SEALED_KEY_FILE));
    expect(() => desktopKey(ud, dbFile, safeStorage)).toThrow(/sealed key .* is missing/);
    expect(fs.existsSync(path.join(ud, SEALED_KEY_FILE))).toBe(false);
    expect(fs.readFileSync(dbFile).equals(before)).toBe(true);
  });
});
