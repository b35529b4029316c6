import type { DemoStep } from '../demo/step';
import {
  demoWriter,
  encountersWithoutTimeline,
  insertDemoExpectedCall,
  raiseReferenceCounters,
  relearnAgencies,
  setDemoReference,
} from '../../db/demo-data';
import { formatReference } from '../../db/encounters';
import { isPoliceSource, type UnitKind } from '../../core/vocab';
import {
  DECLINE,
  DISPOSITION_BY_UNIT,
  DIVERTED_SHARE,
  HOUR,
  LEGAL,
  PROBABLE_CAUSE_SHARE,
  SOURCE,
  UNIT,
  WEEKDAY_WEIGHTS,
  drawConcerns,
  drawDeclined,
  drawGender,
  drawLanguage,
  drawOfficer,
  drawStayHours,
  drawTurnaroundMinutes,
  drawWeaponsSearched,
  namedOfficer,
  rng,
  weekdayOf,
} from '../generate/center-model';
import { FIRST, LAST } from '../generate/names';
import { DEMO_UNITS } from '../beds/demo';
import { capacityChanged } from '../beds/service';
import { reserveFirstOfKind } from './bed-link';
import { facilityTimeZone, yearIn } from './time';

/**
 * A few months of made-up history so the figures, search and timelines have something to show,
 * drawn from the same model of a center as `handoff generate` (server/generate/center-model.ts):
 * arrivals by hour and weekday, the agency mix and its officers, turnaround, stays by unit kind,
 * dispositions, a few declines, and some people who come back.
 * Deterministic (seeded), and fast: statements are prepared once and run in one transaction.
 */
const DAYS = 120;
const MIN = 60_000;
const H = 60 * MIN;

/** A kind's bed prefix and count in the demo center's units; `other` (it has none) recliners. */
function bedsOf(kind: UnitKind): [string, number] {
  const unit = DEMO_UNITS.find(([, k]) => k === kind) ?? DEMO_UNITS.find(([, k]) => k === 'chair')!;
  return [unit[2], unit[3]];
}

const pad = (n: number) => String(n).padStart(2, '0');

export const demoEncounters: DemoStep = (app, users) => {
  const db = app.db;
  const now = app.clock.now();
  const tz = facilityTimeZone(db);
  const r = rng(20260308);
  const anyOf = <T>(items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
  const staff = [users.intake!.id, (users.intake2 ?? users.intake)!.id];

  const w = demoWriter(db);
  const counters = new Map<number, number>();
  const nextRef = (at: number) => {
    const y = yearIn(at, tz);
    const n = (counters.get(y) ?? 0) + 1;
    counters.set(y, n);
    return formatReference(y, n);
  };

  // People who come back: repeat visits are one of the figures a manager reviews.
  const regulars = Array.from({ length: 12 }, () => ({
    first: anyOf(FIRST),
    last: anyOf(LAST),
    dob: `${1960 + Math.floor(r() * 40)}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`,
  }));

  const dayMs = 24 * H;
  const start = now - DAYS * dayMs;
  for (let day = 0; day < DAYS; day++) {
    const perDay = Math.round((5 + r() * 5) * WEEKDAY_WEIGHTS[weekdayOf(start + day * dayMs)]!);
    for (let k = 0; k < perDay; k++) {
      const arrived = Math.round(start + day * dayMs + HOUR(r()) * H + r() * H);
      if (arrived > now - 2 * dayMs) continue; // recent days are the board's (beds demo)
      const source = SOURCE(r());
      const isPolice = isPoliceSource(source);
      const officer = isPolice ? drawOfficer(r) : null;
      const person =
        r() < 0.06
          ? anyOf(regulars)
          : {
              first: anyOf(FIRST),
              last: anyOf(LAST),
              dob:
                r() < 0.1
                  ? null
                  : `${1950 + Math.floor(r() * 58)}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`,
            };
      const declined = drawDeclined(r, isPolice);
      const released = declined
        ? null
        : arrived + (isPolice ? Math.round(drawTurnaroundMinutes(r) * MIN) : 2 * MIN);
      const declinedAt = declined ? arrived + Math.round((5 + r() * 20) * MIN) : null;
      const unitKind = UNIT(r());
      const [prefix, count] = bedsOf(unitKind);
      const discharged = declined
        ? null
        : Math.min(Math.round(arrived + drawStayHours(r, unitKind) * H), now - H);
      const probableCause = isPolice && r() < PROBABLE_CAUSE_SHARE;
      const by = staff[Math.floor(r() * staff.length)]!;
      const disposition = declined ? null : DISPOSITION_BY_UNIT[unitKind](r());
      const id = w.encounter({
        reference: nextRef(arrived),
        status: declined ? 'declined' : 'discharged',
        source,
        agency: officer?.agency ?? null,
        officer: officer?.name ?? null,
        badge: officer?.badge ?? null,
        cit: officer ? (officer.citTrained ? 1 : 0) : null,
        coResponder: isPolice ? (source === 'co_responder' ? 1 : 0) : null,
        probableCause: isPolice ? (probableCause ? 1 : 0) : null,
        diverted: isPolice ? (probableCause && r() < DIVERTED_SHARE ? 1 : 0) : null,
        first: person.first,
        last: person.last,
        dob: person.dob,
        gender: drawGender(r),
        language: drawLanguage(r),
        legal: LEGAL(r()),
        concerns: drawConcerns(r),
        weapons: drawWeaponsSearched(r, isPolice) ? 1 : 0,
        arrived,
        released,
        declined: declinedAt,
        declineReason: declined ? DECLINE(r()) : null,
        discharged,
        disposition,
        unitKind: declined ? null : unitKind,
        bedLabel: declined ? null : `${prefix}${1 + Math.floor(r() * count)}`,
        personKey: person.dob
          ? `${person.first.toLowerCase()}|${person.last.toLowerCase()}|${person.dob}`
          : null,
        by,
        updated: discharged ?? declinedAt ?? arrived,
      });
      w.event(id, arrived, by, 'arrived', JSON.stringify({ referralSource: source }));
      if (declined) w.event(id, declinedAt, by, 'declined', JSON.stringify({ reason: 'demo' }));
      else {
        w.event(id, released, by, 'accepted', null);
        w.event(id, discharged, by, 'discharged', JSON.stringify({ disposition }));
      }
    }
  }

  // People the beds demo put in beds: give them proper references and a timeline too.
  const inBeds = encountersWithoutTimeline(db);
  for (const e of inBeds) {
    if (!/^H-\d{4}-\d{5}$/.test(e.reference)) setDemoReference(db, e.id, nextRef(e.arrived_at));
    w.event(e.id, e.arrived_at, e.created_by, 'arrived', null);
    w.event(e.id, e.officer_released_at ?? e.arrived_at + 3 * MIN, e.created_by, 'accepted', null);
    if (e.bed_label)
      w.event(
        e.id,
        (e.officer_released_at ?? e.arrived_at) + MIN,
        e.created_by,
        'bed_assigned',
        JSON.stringify({ from: null, to: e.bed_label }),
      );
  }

  // Officers waiting right now: one fresh, one getting close to the target.
  const waiting = [
    [namedOfficer('Marcus Bell'), 'Maria', 'Lopez', 4 * MIN + 10_000, 'involuntary_hold'],
    [namedOfficer('Rosa Medina'), '', 'Unknown', 8 * MIN + 40_000, 'protective_custody'],
  ] as const;
  for (const [o, first, last, ago, legal] of waiting) {
    const arrived = now - ago;
    const id = w.encounter({
      reference: nextRef(arrived),
      status: 'arrived',
      source: 'law_enforcement',
      agency: o.agency,
      officer: o.name,
      badge: o.badge,
      cit: o.citTrained ? 1 : 0,
      coResponder: 0,
      probableCause: 0,
      diverted: 0,
      first: first || null,
      last: last === 'Unknown' ? null : last,
      dob: null,
      gender: null,
      language: null,
      legal,
      concerns: 'suicidal_ideation',
      weapons: 1,
      arrived,
      released: null,
      declined: null,
      declineReason: null,
      discharged: null,
      disposition: null,
      unitKind: null,
      bedLabel: null,
      personKey: null,
      by: staff[0]!,
      updated: arrived,
    });
    w.event(id, arrived, staff[0]!, 'arrived', null);
  }

  // A pre-arrival call: a deputy phoned ahead; a recliner is held.
  const eta = now + 12 * MIN;
  const expectedId = insertDemoExpectedCall(db, {
    reference: nextRef(eta),
    eta,
    userId: staff[0]!,
    now,
  });
  w.event(expectedId, now, staff[0]!, 'expected', JSON.stringify({ eta, unitKind: 'chair' }));
  try {
    reserveFirstOfKind(db, expectedId, 'chair', staff[0]!, now);
  } catch {
    /* no recliner free in this demo: the call stands without a held bed */
  }

  raiseReferenceCounters(db, counters);
  // The agency pick list learns from history like it does from the desk.
  relearnAgencies(db);
  // Dispatch sees the officers waiting at once.
  capacityChanged(db, now);
};
