import { afterEach, beforeEach, expect, it } from 'vitest';
import { resolveRange } from '../../core/reports/range';
import { acceptingWhileNotFull, occupancyByUnit } from '../../db/reports';
import type { TestBackend } from '../helpers/backend';
import { backendInZone } from '../helpers/encounter-csv';

let t: TestBackend;
beforeEach(async () => {
  ({ t } = await backendInZone('America/Phoenix'));
});
afterEach(() => t.cleanup());

const H = 3_600_000;

it('occupancy by unit: now, time-weighted average and peak over the range from the bed history', () => {
  const range = resolveRange('2026-05-10', '2026-05-10', 'America/Phoenix');
  const S = range.startMs; // 2026-05-10 00:00 in Phoenix (07:00Z)
  const db = t.db;
  db.exec(`INSERT INTO units (id, name, kind, created_at, updated_at) VALUES
             (1, 'Recliners', 'chair', 0, 0), (2, 'Beds', 'bed', 0, 0)`);
  db.prepare(
    `INSERT INTO beds (id, unit_id, label, status, status_since, encounter_id, created_at, updated_at)
     VALUES (1, 1, 'R-01', 'available', 0, NULL, 0, 0), (2, 1, 'R-02', 'occupied', 0, 7, 0, 0),
            (3, 2, 'B-01', 'available', 0, NULL, 0, 0)`,
  ).run();
  const h = db.prepare(
    'INSERT INTO bed_history (bed_id, at, from_status, to_status) VALUES (?, ?, ?, ?)',
  );
  h.run(1, S - 48 * H, null, 'available');
  h.run(1, S - 2 * H, 'available', 'occupied'); // occupied when the range starts
  h.run(1, S + 6 * H, 'occupied', 'cleaning');
  h.run(1, S + 7 * H, 'cleaning', 'available');
  h.run(2, S + 3 * H, 'available', 'occupied');
  h.run(2, S + 9 * H, 'occupied', 'cleaning');
  h.run(2, S + 20 * H, 'available', 'occupied');
  h.run(1, S + 30 * H, 'available', 'occupied'); // after the first range: ignored there
  // Levels: 1 for 3 h, 2 for 3 h, 1 for 3 h, 0 for 11 h, 1 for 4 h → 16 bed-hours / 24 h.
  expect(occupancyByUnit(db, range)).toEqual([
    { unit: 'Beds', kind: 'bed', total: 1, occupied: 0, average: null, peak: null },
    { unit: 'Recliners', kind: 'chair', total: 2, occupied: 1, average: 0.67, peak: 2 },
  ]);
  // The next day: the level 1 carried in from before holds 6 h, then 2 for 18 h → 42 / 24.
  const next = resolveRange('2026-05-11', '2026-05-11', 'America/Phoenix');
  expect(occupancyByUnit(db, next)[1]).toMatchObject({ average: 1.75, peak: 2 });
});

it('% of time accepting police while not full, from the capacity history; no data without it', () => {
  const range = resolveRange('2026-05-10', '2026-05-10', 'America/Phoenix');
  const S = range.startMs;
  expect(acceptingWhileNotFull(t.db, range)).toEqual({
    pct: null,
    reason: 'No data: no capacity history while not full in this range.',
  });
  const h = t.db.prepare(
    `INSERT INTO capacity_history (at, status, accepting_law_enforcement, total, available, occupied,
       reserved, out_of_service, officers_waiting) VALUES (?, ?, ?, 10, 0, 0, 0, 0, 0)`,
  );
  h.run(S - 1 * H, 'open', 1);
  h.run(S + 6 * H, 'full', 0);
  h.run(S + 8 * H, 'open', 1);
  h.run(S + 12 * H, 'diverting', 0);
  h.run(S + 15 * H, 'open', 1);
  // Not full: 6 h + 16 h = 22 h; accepting then: 6 h + 4 h + 9 h = 19 h → 86.4%.
  expect(acceptingWhileNotFull(t.db, range)).toEqual({ pct: 86.4, reason: null });
  expect(
    acceptingWhileNotFull(t.db, resolveRange('2026-05-01', '2026-05-01', 'America/Phoenix')),
  ).toEqual({
    pct: null,
    reason: 'No data: no capacity history while not full in this range.',
  });
});
