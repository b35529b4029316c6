import type { Database } from 'better-sqlite3';
import type { BedRow } from './beds';

/**
 * Where a bed and an encounter meet: the bed row carries the link (encounter_id), the encounter
 * keeps a copy of the bed it holds (bed_id, unit_kind, bed_label) for its record. The beds
 * service (server/beds/service.ts) keeps both sides in one transaction.
 */

export interface EncounterBedInfo {
  id: number;
  status: string;
  bed_id: number | null;
}

export function encounterBedInfo(db: Database, encounterId: number): EncounterBedInfo | undefined {
  return db.prepare('SELECT id, status, bed_id FROM encounters WHERE id = ?').get(encounterId) as
    EncounterBedInfo | undefined;
}

/** The bed the encounter occupies other than `exceptBedId` (one occupied bed per encounter). */
export function occupiedBedOf(
  db: Database,
  encounterId: number,
  exceptBedId: number,
): BedRow | undefined {
  return db
    .prepare("SELECT * FROM beds WHERE encounter_id = ? AND status = 'occupied' AND id <> ?")
    .get(encounterId, exceptBedId) as BedRow | undefined;
}

/** The bed reserved for an expected arrival. */
export function reservedBedOf(db: Database, encounterId: number): number | null {
  const r = db
    .prepare("SELECT id FROM beds WHERE status = 'reserved' AND encounter_id = ?")
    .get(encounterId) as { id: number } | undefined;
  return r?.id ?? null;
}

/** The first vacant bed of a unit in the board's order. */
export function firstVacantBedOfUnit(db: Database, unitId: number): BedRow | undefined {
  return db
    .prepare(
      "SELECT * FROM beds WHERE unit_id = ? AND status = 'available' AND retired_at IS NULL ORDER BY sort_order, id LIMIT 1",
    )
    .get(unitId) as BedRow | undefined;
}

export function bedLabelAndKind(db: Database, bedId: number): { label: string; kind: string } {
  return db
    .prepare('SELECT b.label, u.kind FROM beds b JOIN units u ON u.id = b.unit_id WHERE b.id = ?')
    .get(bedId) as { label: string; kind: string };
}

/** The encounter's copy of the bed it now holds. */
export function setEncounterBed(
  db: Database,
  encounterId: number,
  bed: { id: number; label: string; kind: string },
  now: number,
): void {
  db.prepare(
    'UPDATE encounters SET bed_id = ?, unit_kind = ?, bed_label = ?, updated_at = ? WHERE id = ?',
  ).run(bed.id, bed.kind, bed.label, now, encounterId);
}

/** The encounter no longer holds the bed (it keeps the label it held last). */
export function clearEncounterBed(
  db: Database,
  encounterId: number,
  bedId: number,
  now: number,
): void {
  db.prepare('UPDATE encounters SET bed_id = NULL, updated_at = ? WHERE id = ? AND bed_id = ?').run(
    now,
    encounterId,
    bedId,
  );
}
