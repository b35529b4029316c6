import type { Database } from 'better-sqlite3';
import type { BedStatus, UnitKind } from '../core/vocab';

/** Units and beds (schema pinned in migration 0020). Every status change goes to bed_history. */
export interface UnitRow {
  id: number;
  name: string;
  kind: UnitKind;
  staffed_limit: number | null;
  sort_order: number;
  retired_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface BedRow {
  id: number;
  unit_id: number;
  label: string;
  status: BedStatus;
  status_since: number;
  status_reason: string | null;
  encounter_id: number | null;
  sort_order: number;
  retired_at: number | null;
  created_at: number;
  updated_at: number;
}

export function findUnit(db: Database, id: number): UnitRow | undefined {
  return db.prepare('SELECT * FROM units WHERE id = ?').get(id) as UnitRow | undefined;
}

export function findBed(db: Database, id: number): BedRow | undefined {
  return db.prepare('SELECT * FROM beds WHERE id = ?').get(id) as BedRow | undefined;
}

export function bedsOfUnit(db: Database, unitId: number): BedRow[] {
  return db
    .prepare('SELECT * FROM beds WHERE unit_id = ? AND retired_at IS NULL ORDER BY sort_order, id')
    .all(unitId) as BedRow[];
}

export function insertUnit(
  db: Database,
  u: { name: string; kind: UnitKind; staffedLimit: number | null },
  now: number,
): UnitRow {
  const order = (
    db.prepare('SELECT coalesce(max(sort_order), 0) + 1 AS n FROM units').get() as { n: number }
  ).n;
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO units (name, kind, staffed_limit, sort_order, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(u.name, u.kind, u.staffedLimit, order, now, now);
  return findUnit(db, Number(lastInsertRowid))!;
}

export function updateUnit(
  db: Database,
  id: number,
  u: { name: string; staffedLimit: number | null },
  now: number,
): UnitRow {
  db.prepare('UPDATE units SET name = ?, staffed_limit = ?, updated_at = ? WHERE id = ?').run(
    u.name,
    u.staffedLimit,
    now,
    id,
  );
  return findUnit(db, id)!;
}

export function retireUnit(db: Database, id: number, now: number): void {
  db.prepare(
    'UPDATE beds SET retired_at = ?, updated_at = ? WHERE unit_id = ? AND retired_at IS NULL',
  ).run(now, now, id);
  db.prepare('UPDATE units SET retired_at = ?, updated_at = ? WHERE id = ?').run(now, now, id);
}

/** Active unit names, case-insensitively (the unique index is COLLATE NOCASE). */
export function unitNameTaken(db: Database, name: string, exceptId: number | null): boolean {
  return (
    db
      .prepare('SELECT 1 FROM units WHERE name = ? AND retired_at IS NULL AND id IS NOT ?')
      .get(name, exceptId) !== undefined
  );
}

/** Which of `labels` an active bed of the unit already has (same comparison as bedLabelTaken). */
export function takenBedLabels(db: Database, unitId: number, labels: readonly string[]): string[] {
  return db
    .prepare(
      `SELECT j.value FROM json_each(?) j
        WHERE EXISTS (SELECT 1 FROM beds
                       WHERE unit_id = ? AND label = j.value AND retired_at IS NULL)
        ORDER BY j.key`,
    )
    .pluck()
    .all(JSON.stringify(labels), unitId) as string[];
}

export function bedLabelTaken(
  db: Database,
  unitId: number,
  label: string,
  exceptId: number | null,
): boolean {
  return (
    db
      .prepare(
        'SELECT 1 FROM beds WHERE unit_id = ? AND label = ? AND retired_at IS NULL AND id IS NOT ?',
      )
      .get(unitId, label, exceptId) !== undefined
  );
}

export function insertBed(
  db: Database,
  b: { unitId: number; label: string; userId: number | null },
  now: number,
): BedRow {
  const order = (
    db
      .prepare('SELECT coalesce(max(sort_order), 0) + 1 AS n FROM beds WHERE unit_id = ?')
      .get(b.unitId) as { n: number }
  ).n;
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO beds (unit_id, label, status, status_since, sort_order, created_at, updated_at)
       VALUES (?, ?, 'available', ?, ?, ?, ?)`,
    )
    .run(b.unitId, b.label, now, order, now, now);
  const id = Number(lastInsertRowid);
  appendBedHistory(db, {
    bedId: id,
    at: now,
    userId: b.userId,
    from: null,
    to: 'available',
    encounterId: null,
    reason: 'created',
  });
  return findBed(db, id)!;
}

/** Renames a bed; the encounter holding it keeps the bed's label (CSV `bed_label`) in step. */
export function renameBed(db: Database, id: number, label: string, now: number): void {
  db.transaction(() => {
    db.prepare('UPDATE beds SET label = ?, updated_at = ? WHERE id = ?').run(label, now, id);
    db.prepare('UPDATE encounters SET bed_label = ? WHERE bed_id = ?').run(label, id);
  })();
}

export function retireBed(db: Database, id: number, now: number): void {
  db.prepare('UPDATE beds SET retired_at = ?, updated_at = ? WHERE id = ?').run(now, now, id);
}

/**
 * Compare-and-set of a bed's status: succeeds only if the bed is still in one of `from`
 * (and, when given, still held for `encounterId`). Returns false when another desk got there first.
 */
export function casBedStatus(
  db: Database,
  p: {
    bedId: number;
    from: readonly string[];
    to: BedStatus;
    encounterId: number | null;
    reason: string | null;
    now: number;
    /** Only when the bed is reserved: it must be reserved for this encounter (or for nobody). */
    reservedFor?: number;
  },
): boolean {
  const placeholders = p.from.map(() => '?').join(',');
  const reservedCheck =
    p.reservedFor === undefined
      ? ''
      : "AND (status <> 'reserved' OR encounter_id IS NULL OR encounter_id = ?)";
  const args: unknown[] = [p.to, p.now, p.reason, p.encounterId, p.now, p.bedId, ...p.from];
  if (p.reservedFor !== undefined) args.push(p.reservedFor);
  const { changes } = db
    .prepare(
      `UPDATE beds SET status = ?, status_since = ?, status_reason = ?, encounter_id = ?, updated_at = ?
       WHERE id = ? AND retired_at IS NULL AND status IN (${placeholders}) ${reservedCheck}`,
    )
    .run(...args);
  return changes === 1;
}

export function appendBedHistory(
  db: Database,
  h: {
    bedId: number;
    at: number;
    userId: number | null;
    from: BedStatus | null;
    to: BedStatus;
    encounterId: number | null;
    reason: string | null;
  },
): void {
  db.prepare(
    `INSERT INTO bed_history (bed_id, at, user_id, from_status, to_status, encounter_id, reason)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(h.bedId, h.at, h.userId, h.from, h.to, h.encounterId, h.reason);
}

export interface BedHistoryRow {
  id: number;
  bed_id: number;
  at: number;
  user_id: number | null;
  from_status: BedStatus | null;
  to_status: BedStatus;
  encounter_id: number | null;
  reason: string | null;
}

export function bedHistory(db: Database, bedId: number, limit = 50): BedHistoryRow[] {
  return db
    .prepare('SELECT * FROM bed_history WHERE bed_id = ? ORDER BY at DESC, id DESC LIMIT ?')
    .all(bedId, limit) as BedHistoryRow[];
}

/** Per-unit counts straight from bed states: counts can never drift from the beds. */
export interface UnitCountRow {
  id: number;
  name: string;
  kind: UnitKind;
  staffed_limit: number | null;
  total: number;
  vacant: number;
  occupied: number;
  reserved: number;
  cleaning: number;
  out_of_service: number;
}

export function unitCounts(db: Database): UnitCountRow[] {
  return db
    .prepare(
      `SELECT u.id, u.name, u.kind, u.staffed_limit,
              count(b.id) AS total,
              coalesce(sum(b.status = 'available'), 0) AS vacant,
              coalesce(sum(b.status = 'occupied'), 0) AS occupied,
              coalesce(sum(b.status = 'reserved'), 0) AS reserved,
              coalesce(sum(b.status = 'cleaning'), 0) AS cleaning,
              coalesce(sum(b.status = 'out_of_service'), 0) AS out_of_service
       FROM units u LEFT JOIN beds b ON b.unit_id = u.id AND b.retired_at IS NULL
       WHERE u.retired_at IS NULL
       GROUP BY u.id ORDER BY u.sort_order, u.id`,
    )
    .all() as UnitCountRow[];
}

export type BoardBedRow = Pick<
  BedRow,
  'id' | 'unit_id' | 'label' | 'status' | 'status_since' | 'status_reason' | 'encounter_id'
> & {
  initials: string | null;
  arrived_at: number | null;
};

/** Only the first letter of each name ever leaves the database for the board. */
export function boardBeds(db: Database): BoardBedRow[] {
  return db
    .prepare(
      `SELECT b.id, b.unit_id, b.label, b.status, b.status_since, b.status_reason, b.encounter_id,
              nullif(upper(substr(trim(coalesce(e.first_name, '')), 1, 1)) ||
                     upper(substr(trim(coalesce(e.last_name, '')), 1, 1)), '') AS initials,
              CASE WHEN b.status = 'occupied' THEN coalesce(e.arrived_at, b.status_since) END AS arrived_at
       FROM beds b
       JOIN units u ON u.id = b.unit_id
       LEFT JOIN encounters e ON e.id = b.encounter_id
       WHERE b.retired_at IS NULL AND u.retired_at IS NULL
       ORDER BY b.unit_id, b.sort_order, b.id`,
    )
    .all() as BoardBedRow[];
}
