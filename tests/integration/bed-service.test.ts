import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { findBed, insertBed, insertUnit } from '../../db/beds';
import { getCapacityState } from '../../db/capacity';
import {
  capacityChanged,
  firstAvailableBed,
  occupyBed,
  releaseReservation,
  reserveBed,
  vacateBed,
} from '../../server/beds/service';
import { ApiError } from '../../core/result';
import { testBackend, type TestBackend } from '../helpers/backend';

let t: TestBackend;
afterEach(() => t?.cleanup());

function encounter(db: Database, now: number, source = 'walk_in', status = 'arrived'): number {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO encounters (reference, status, referral_source, first_name, last_name, arrived_at, created_at, updated_at)
       VALUES (?, ?, ?, 'Zed', 'Quill', ?, ?, ?)`,
    )
    .run(`R-${Math.random()}`, status, source, now, now, now);
  return Number(lastInsertRowid);
}

function setup() {
  t = testBackend();
  const now = t.clock.now();
  const unit = insertUnit(t.db, { name: 'Recliners', kind: 'chair', staffedLimit: null }, now);
  const c1 = insertBed(t.db, { unitId: unit.id, label: 'C1', userId: null }, now);
  const c2 = insertBed(t.db, { unitId: unit.id, label: 'C2', userId: null }, now);
  return { now, unit, c1, c2 };
}

function history(db: Database, bedId: number) {
  return db
    .prepare(
      'SELECT from_status, to_status, encounter_id, reason FROM bed_history WHERE bed_id = ? ORDER BY id',
    )
    .all(bedId);
}

describe('bed service', () => {
  it('occupies, moves and vacates, keeping the encounter and history consistent', () => {
    const { now, c1, c2 } = setup();
    const e = encounter(t.db, now);
    occupyBed(t.db, { bedId: c1.id, encounterId: e, userId: null, now });
    expect(findBed(t.db, c1.id)).toMatchObject({ status: 'occupied', encounter_id: e });
    expect(
      t.db.prepare('SELECT bed_id, unit_kind, bed_label FROM encounters WHERE id = ?').get(e),
    ).toEqual({
      bed_id: c1.id,
      unit_kind: 'chair',
      bed_label: 'C1',
    });
    occupyBed(t.db, { bedId: c2.id, encounterId: e, userId: null, now: now + 1 });
    expect(findBed(t.db, c1.id)).toMatchObject({ status: 'cleaning', encounter_id: null });
    expect(history(t.db, c1.id)).toContainEqual({
      from_status: 'occupied',
      to_status: 'cleaning',
      encounter_id: e,
      reason: 'moved to C2',
    });
    vacateBed(t.db, { bedId: c2.id, userId: null, now: now + 2, reason: 'discharge' });
    expect(t.db.prepare('SELECT bed_id, bed_label FROM encounters WHERE id = ?').get(e)).toEqual({
      bed_id: null,
      bed_label: 'C2',
    });
  });

  it('gives a taken bed to nobody else and changes nothing', () => {
    const { now, c1 } = setup();
    const a = encounter(t.db, now);
    const b = encounter(t.db, now);
    occupyBed(t.db, { bedId: c1.id, encounterId: a, userId: null, now });
    const before = history(t.db, c1.id).length;
    let error: unknown;
    try {
      occupyBed(t.db, { bedId: c1.id, encounterId: b, userId: null, now });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('Bed C1 was just taken');
    expect((error as ApiError).fields).toEqual({ bedId: 'Bed C1 was just taken' });
    expect(findBed(t.db, c1.id)?.encounter_id).toBe(a);
    expect(history(t.db, c1.id)).toHaveLength(before);
  });

  it('lets only the expected arrival occupy a reserved bed', () => {
    const { now, c1 } = setup();
    const expected = encounter(t.db, now, 'law_enforcement', 'expected');
    const other = encounter(t.db, now);
    reserveBed(t.db, { bedId: c1.id, encounterId: expected, userId: null, now });
    expect(() => occupyBed(t.db, { bedId: c1.id, encounterId: other, userId: null, now })).toThrow(
      'Bed C1 was just taken',
    );
    occupyBed(t.db, { bedId: c1.id, encounterId: expected, userId: null, now });
    expect(findBed(t.db, c1.id)?.status).toBe('occupied');
  });

  it('releases reservations and finds the first available bed', () => {
    const { now, c1, c2 } = setup();
    reserveBed(t.db, { bedId: c1.id, encounterId: null, userId: null, now });
    expect(firstAvailableBed(t.db, 'chair')?.id).toBe(c2.id);
    releaseReservation(t.db, { bedId: c1.id, userId: null, now });
    expect(firstAvailableBed(t.db, 'chair')?.id).toBe(c1.id);
    expect(firstAvailableBed(t.db, 'youth_bed')).toBeUndefined();
  });

  it('keeps capacity figures in step, including officers waiting', () => {
    const { now, c1 } = setup();
    capacityChanged(t.db, now);
    const figures = () => JSON.parse(getCapacityState(t.db)!.figures);
    expect(figures()).toMatchObject({ status: 'limited', totals: { total: 2, available: 2 } });
    const e = encounter(t.db, now, 'law_enforcement');
    capacityChanged(t.db, now);
    expect(figures().officersWaiting).toBe(1);
    occupyBed(t.db, { bedId: c1.id, encounterId: e, userId: null, now });
    expect(figures().totals).toMatchObject({ available: 1, occupied: 1 });
  });
});
