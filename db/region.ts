import type { Database } from 'better-sqlite3';
import { getSetting, setSetting } from './settings';

export interface RegionPeerRow {
  id: number;
  url: string;
  token: string | null;
  name: string | null;
  created_at: number;
}

export function listRegionPeers(db: Database): RegionPeerRow[] {
  return db.prepare('SELECT * FROM region_peers ORDER BY id').all() as RegionPeerRow[];
}

export function regionPeerUrlTaken(db: Database, url: string): boolean {
  return db.prepare('SELECT 1 FROM region_peers WHERE url = ?').get(url) !== undefined;
}

export function insertRegionPeer(
  db: Database,
  p: { url: string; token: string | null; name: string | null },
  now: number,
): number {
  return Number(
    db
      .prepare('INSERT INTO region_peers (url, token, name, created_at) VALUES (?, ?, ?, ?)')
      .run(p.url, p.token, p.name, now).lastInsertRowid,
  );
}

export function deleteRegionPeer(db: Database, id: number): boolean {
  return db.prepare('DELETE FROM region_peers WHERE id = ?').run(id).changes > 0;
}

const REGION_KEY = 'region';
export const DEFAULT_REGION_INTERVAL_SECONDS = 30;

export function getRegionInterval(db: Database): number {
  return (
    getSetting<{ intervalSeconds?: number }>(db, REGION_KEY, {}).intervalSeconds ??
    DEFAULT_REGION_INTERVAL_SECONDS
  );
}

export function setRegionInterval(db: Database, intervalSeconds: number, now: number): void {
  setSetting(db, REGION_KEY, { intervalSeconds }, now);
}
