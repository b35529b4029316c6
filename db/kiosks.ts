import type { Database } from 'better-sqlite3';
import type { KioskDeviceView } from '../core/encounters/types';

export interface KioskRow {
  id: number;
  user_id: number;
  name: string;
  code_hash: string;
  created_by: number | null;
  created_at: number;
  revoked_at: number | null;
  last_used_at: number | null;
}

export const toKioskView = (r: KioskRow): KioskDeviceView => ({
  id: r.id,
  name: r.name,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});

export function insertKiosk(
  db: Database,
  k: { userId: number; name: string; codeHash: string; createdBy: number; now: number },
): KioskRow {
  const info = db
    .prepare(
      `INSERT INTO kiosk_devices (user_id, name, code_hash, created_by, created_at)
       VALUES (?, ?, ?, ?, ?)`,
    )
    .run(k.userId, k.name, k.codeHash, k.createdBy, k.now);
  return getKiosk(db, Number(info.lastInsertRowid))!;
}

export function getKiosk(db: Database, id: number): KioskRow | undefined {
  return db.prepare('SELECT * FROM kiosk_devices WHERE id = ?').get(id) as KioskRow | undefined;
}

export function findKioskByCodeHash(db: Database, codeHash: string): KioskRow | undefined {
  return db.prepare('SELECT * FROM kiosk_devices WHERE code_hash = ?').get(codeHash) as
    KioskRow | undefined;
}

export function findKioskByUser(db: Database, userId: number): KioskRow | undefined {
  return db.prepare('SELECT * FROM kiosk_devices WHERE user_id = ?').get(userId) as
    KioskRow | undefined;
}

export function listKiosks(db: Database): KioskDeviceView[] {
  return (
    db
      .prepare('SELECT * FROM kiosk_devices ORDER BY revoked_at IS NOT NULL, created_at DESC')
      .all() as KioskRow[]
  ).map(toKioskView);
}

export function revokeKiosk(db: Database, id: number, now: number): void {
  db.prepare('UPDATE kiosk_devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(
    now,
    id,
  );
}

export function markKioskUsed(db: Database, id: number, now: number): void {
  db.prepare('UPDATE kiosk_devices SET last_used_at = ? WHERE id = ?').run(now, id);
}
