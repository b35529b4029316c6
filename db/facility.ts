import type { Database } from 'better-sqlite3';
import type { FacilityView } from '../core/types';

interface FacilityRow {
  public_id: string;
  name: string;
  time_zone: string;
  address: string | null;
  phone: string | null;
}

const toView = (r: FacilityRow): FacilityView => ({
  id: r.public_id,
  name: r.name,
  timeZone: r.time_zone,
  address: r.address,
  phone: r.phone,
});

export function getFacility(db: Database): FacilityView | null {
  const row = db
    .prepare('SELECT public_id, name, time_zone, address, phone FROM facility WHERE id = 1')
    .get() as FacilityRow | undefined;
  return row ? toView(row) : null;
}

export interface FacilityFields {
  name: string;
  timeZone: string;
  address: string | null;
  phone: string | null;
}

export function createFacility(
  db: Database,
  publicId: string,
  f: FacilityFields,
  now: number,
): FacilityView {
  db.prepare(
    `INSERT INTO facility (id, public_id, name, time_zone, address, phone, created_at, updated_at)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(publicId, f.name, f.timeZone, f.address, f.phone, now, now);
  return getFacility(db)!;
}

export function updateFacility(db: Database, f: FacilityFields, now: number): FacilityView {
  db.prepare(
    'UPDATE facility SET name = ?, time_zone = ?, address = ?, phone = ?, updated_at = ? WHERE id = 1',
  ).run(f.name, f.timeZone, f.address, f.phone, now);
  return getFacility(db)!;
}
