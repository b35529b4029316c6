import type { Database } from 'better-sqlite3';
import { transition } from '../../core/encounters/lifecycle';
import { ApiError } from '../../core/result';
import { msg } from '../../core/messages';
import type { UnitKind } from '../../core/vocab';
import { bedLabelAndKind, reservedBedOf } from '../../db/bed-links';
import {
  getEncounterRow,
  insertEncounterEvent,
  updateEncounter,
  type EncounterRow,
} from '../../db/encounters';
import {
  firstAvailableBed,
  occupyBed,
  releaseReservation,
  reserveBed,
  vacateBed,
} from '../beds/service';

/**
 * Where encounters meet the bed board. Bed state belongs to the beds capability
 * (server/beds/service.ts): these calls run inside the encounter's own transaction, so a bed
 * and the encounter change together or not at all. The service writes the encounter's
 * bed_id / unit_kind / bed_label itself.
 */

/** Assign (or move to) a bed; an expected arrival gets a reservation instead. */
export function assignBed(
  db: Database,
  row: EncounterRow,
  bedId: number,
  userId: number,
  now: number,
): void {
  if (row.status === 'expected') {
    const held = reservedBedOf(db, row.id);
    if (held !== null) releaseReservation(db, { bedId: held, userId, now, reason: 'changed' });
    reserveBed(db, { bedId, encounterId: row.id, userId, now, reason: 'expected arrival' });
    return;
  }
  occupyBed(db, { bedId, encounterId: row.id, userId, now });
}

/** Holds the first available bed of a kind for a pre-arrival call. */
export function reserveFirstOfKind(
  db: Database,
  encounterId: number,
  kind: UnitKind,
  userId: number,
  now: number,
): void {
  const bed = firstAvailableBed(db, kind);
  if (!bed)
    throw new ApiError('conflict', msg('noBedOfKind'), {
      unitKind: msg('noBedOfKindField'),
    });
  reserveBed(db, { bedId: bed.id, encounterId, userId, now, reason: 'expected arrival' });
}

/** An expected arrival who came: the bed held for them becomes theirs. */
export function occupyReservation(
  db: Database,
  row: EncounterRow,
  userId: number,
  now: number,
): void {
  const held = reservedBedOf(db, row.id);
  if (held !== null) occupyBed(db, { bedId: held, encounterId: row.id, userId, now });
}

/** Frees whatever the encounter holds: an occupied bed goes to cleaning, a reservation back. */
export function releaseBed(
  db: Database,
  row: EncounterRow,
  userId: number | null,
  now: number,
  reason: string,
): void {
  if (row.bed_id !== null) vacateBed(db, { bedId: row.bed_id, userId, now, reason });
  const held = reservedBedOf(db, row.id);
  if (held !== null) releaseReservation(db, { bedId: held, userId, now, reason });
}

/**
 * Puts an encounter in a bed (or moves it, or holds a bed for an expected arrival) with the
 * lifecycle check and a timeline event. The board's "assign" and the encounter page both call
 * this, so a bed can never be given to a discharged or declined person, and every assignment
 * shows on the timeline.
 */
export function assignEncounterBed(
  db: Database,
  input: { encounterId: number; bedId: number; userId: number; now: number },
): EncounterRow {
  const current = getEncounterRow(db, input.encounterId);
  if (!current)
    throw new ApiError('not_found', msg('encounterNotFound', { id: input.encounterId }), {
      encounterId: msg('unknownEncounter'),
    });
  const t = transition(current.status, 'assignBed');
  if (!t.ok) throw new ApiError('conflict', t.message, { status: t.message });
  assignBed(db, current, input.bedId, input.userId, input.now);
  const updated = updateEncounter(db, current.id, {}, input.now);
  const bed = bedLabelAndKind(db, input.bedId);
  insertEncounterEvent(db, {
    encounterId: current.id,
    at: input.now,
    userId: input.userId,
    kind:
      current.status === 'expected'
        ? 'bed_reserved'
        : current.bed_id === null
          ? 'bed_assigned'
          : 'bed_moved',
    detail: {
      from: current.bed_id === null ? null : current.bed_label,
      to: bed.label,
      unitKind: bed.kind,
    },
  });
  return updated;
}
