import type { Database } from 'better-sqlite3';
import { isPoliceSource, type UnitKind } from '../../core/vocab';
import { insertBed, insertUnit } from '../../db/beds';
import { insertDemoOccupant, setBedStatusSince } from '../../db/demo-data';
import type { DemoStep } from '../demo/step';
import { occupyBed, setBedStatus } from './service';

const H = 3_600_000;

/** Made-up training people (never real); the board shows only their initials. */
const OCCUPANTS: { bed: string; first: string; last: string; hoursAgo: number; source: string }[] =
  [
    { bed: 'C1', first: 'Jordan', last: 'Rivera', hoursAgo: 3, source: 'law_enforcement' },
    { bed: 'C2', first: 'Casey', last: 'Nguyen', hoursAgo: 8, source: 'walk_in' },
    { bed: 'C5', first: 'Avery', last: 'Thompson', hoursAgo: 21, source: 'mobile_crisis' },
    { bed: 'C7', first: 'Quinn', last: 'Delgado', hoursAgo: 24.5, source: 'co_responder' },
    { bed: 'C8', first: 'Rowan', last: 'Park', hoursAgo: 1, source: 'ems' },
    { bed: 'B1', first: 'Morgan', last: 'Ellis', hoursAgo: 52, source: 'family' },
    { bed: 'B2', first: 'Taylor', last: 'Brooks', hoursAgo: 30, source: 'law_enforcement' },
    { bed: 'B4', first: 'Jamie', last: 'Ortiz', hoursAgo: 75, source: 'walk_in' },
    { bed: 'B5', first: 'Drew', last: 'Hale', hoursAgo: 96, source: 'mobile_crisis' },
    { bed: 'Y1', first: 'Sky', last: 'Martin', hoursAgo: 14, source: 'family' },
  ];

function demoEncounter(
  db: Database,
  o: (typeof OCCUPANTS)[number],
  i: number,
  now: number,
  userId: number,
): number {
  const arrived = Math.round(now - o.hoursAgo * H);
  return insertDemoOccupant(db, {
    reference: `DEMO-BED-${String(i + 1).padStart(3, '0')}`,
    source: o.source,
    first: o.first,
    last: o.last,
    arrived,
    released: isPoliceSource(o.source) ? arrived + 7 * 60_000 : null,
    userId,
  });
}

/**
 * The demo center's units: name, kind, bed label prefix, beds (labelled C1–C16 and so on) and
 * staffed limit. The demo's history (server/encounters/demo.ts) puts its past stays in these beds.
 */
export const DEMO_UNITS: readonly [string, UnitKind, string, number, number | null][] = [
  ['Recliners', 'chair', 'C', 16, null],
  ['Adult stabilization', 'bed', 'B', 12, 10],
  ['Youth', 'youth_bed', 'Y', 6, null],
  ['Withdrawal', 'withdrawal_bed', 'W', 4, null],
];

/** 16 recliners, 12 adult beds, 6 youth beds, 4 withdrawal beds; some people in them. */
export const demoBeds: DemoStep = (app, users) => {
  const db = app.db;
  const now = app.clock.now();
  const userId = users.intake!.id;
  const beds = new Map<string, number>();
  for (const [name, kind, prefix, count, staffedLimit] of DEMO_UNITS) {
    const unit = insertUnit(db, { name, kind, staffedLimit }, now);
    for (let n = 1; n <= count; n++)
      beds.set(
        `${prefix}${n}`,
        insertBed(db, { unitId: unit.id, label: `${prefix}${n}`, userId }, now).id,
      );
  }
  OCCUPANTS.forEach((o, i) => {
    const encounterId = demoEncounter(db, o, i, now, userId);
    occupyBed(db, { bedId: beds.get(o.bed)!, encounterId, userId, now });
    // The bed was taken when the person arrived: time in status = length of stay.
    setBedStatusSince(db, beds.get(o.bed)!, now - o.hoursAgo * H);
  });
  setBedStatus(db, { bedId: beds.get('C3')!, status: 'cleaning', reason: null, userId, now });
  setBedStatus(db, { bedId: beds.get('C4')!, status: 'cleaning', reason: null, userId, now });
  setBedStatus(db, {
    bedId: beds.get('B9')!,
    status: 'out_of_service',
    reason: 'Bed frame repair',
    userId,
    now,
  });
};
