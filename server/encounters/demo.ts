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
import { rng } from '../generate/center-model';
import { capacityChanged } from '../beds/service';
import { reserveFirstOfKind } from './bed-link';
import { facilityTimeZone, yearIn } from './time';

/**
 * A few months of made-up history so the figures, search and timelines have something to show:
 * arrivals follow the hour-of-day pattern of a police-heavy center (afternoon to small hours),
 * about half come with police from a handful of agencies, chairs hold people for under a day
 * (a few overstay 23 h 59 min), beds for days; a few police drop-offs are declined.
 * Deterministic (seeded), and fast: statements are prepared once and run in one transaction.
 */
const DAYS = 120;
const MIN = 60_000;
const H = 60 * MIN;

type Weighted<T> = readonly (readonly [T, number])[];
const pickFrom =
  (r: () => number) =>
  <T>(items: Weighted<T>): T => {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let x = r() * total;
    for (const [v, w] of items) if ((x -= w) < 0) return v;
    return items[items.length - 1]![0];
  };

// Relative arrivals by hour of day (0–23): quiet mornings, busy afternoons to 2 a.m.
const HOURS: Weighted<number> = [
  3, 3, 2.5, 2, 1.2, 0.8, 0.8, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5, 5.5, 5.5, 5, 4.5, 4, 3.5, 3.2,
].map((w, h) => [h, w] as const);

const SOURCES: Weighted<string> = [
  ['law_enforcement', 45],
  ['co_responder', 8],
  ['mobile_crisis', 12],
  ['ems', 8],
  ['walk_in', 17],
  ['family', 7],
  ['other', 3],
];

const OFFICERS: readonly (readonly [string, string, string, boolean])[] = [
  ['Tucson Police Department', 'Dana Reyes', '4471', true],
  ['Tucson Police Department', 'Marcus Bell', '5120', true],
  ['Tucson Police Department', 'Priya Shah', '3987', false],
  ['Tucson Police Department', 'Luis Carrillo', '4802', true],
  ['Tucson Police Department', 'Erin Walsh', '5233', false],
  ['Tucson Police Department', 'Tom Becker', '2954', true],
  ['Tucson Police Department', 'Aisha Grant', '5561', true],
  ['Pima County Sheriff', 'Lee Park', 'S-19', true],
  ['Pima County Sheriff', 'Rosa Medina', 'S-42', false],
  ['Pima County Sheriff', 'Ken Yazzie', 'S-77', true],
  ['Pima County Sheriff', 'Beth Larsen', 'S-08', true],
  ['Marana Police Department', 'Pat Kim', 'M-77', true],
  ['Marana Police Department', 'Owen Ruiz', 'M-31', false],
  ['Oro Valley Police Department', 'Casey Nguyen', 'OV-2231', true],
  ['Sahuarita Police Department', 'Jamie Ortega', 'SA-114', false],
  ['University of Arizona Police', 'Chris Holt', 'UA-62', true],
];
const OFFICER_WEIGHTS: Weighted<number> = OFFICERS.map(
  ([agency], i) =>
    [i, agency.startsWith('Tucson') ? 7 : agency.startsWith('Pima') ? 5 : 3] as const,
);

const FIRST = [
  'Alex',
  'Jordan',
  'Taylor',
  'Morgan',
  'Riley',
  'Casey',
  'Jamie',
  'Avery',
  'Quinn',
  'Rowan',
  'Maria',
  'José',
  'Ana',
  'Luis',
  'Sofia',
  'Daniel',
  'Emily',
  'Michael',
  'Sarah',
  'David',
  'Nia',
  'Marcus',
  'Keisha',
  'Tyrone',
  'Mei',
  'Hoang',
  'Aiyana',
  'Tallulah',
  'Robert',
  'Linda',
];
const LAST = [
  'Garcia',
  'Smith',
  'Johnson',
  'Martinez',
  'Lopez',
  'Brown',
  'Nguyen',
  'Hernandez',
  'Begay',
  'Williams',
  'Jones',
  'Davis',
  'Ramirez',
  'Torres',
  'Flores',
  'Wilson',
  'Anderson',
  'Thomas',
  'Moore',
  'Jackson',
  'Yazzie',
  'Tsosie',
  'Romero',
  'Castillo',
  'Reed',
  'Price',
  'Long',
];

const LEGAL_POLICE: Weighted<string> = [
  ['involuntary_hold', 45],
  ['voluntary', 35],
  ['protective_custody', 15],
  ['other', 5],
];
const CONCERNS: Weighted<string> = [
  ['suicidal_ideation', 30],
  ['psychosis', 15],
  ['intoxication', 14],
  ['depression', 12],
  ['anxiety_panic', 9],
  ['aggression', 6],
  ['self_harm', 6],
  ['mania', 4],
  ['withdrawal', 5],
  ['disorientation', 3],
  ['homicidal_ideation', 1],
];
const UNITS: Weighted<[string, string, number]> = [
  [['chair', 'C', 16], 76],
  [['bed', 'B', 12], 15],
  [['withdrawal_bed', 'W', 4], 7],
  [['other', 'C', 16], 0],
];
const DISPOSITIONS: Weighted<string> = [
  ['home_community', 55],
  ['short_term_bed', 12],
  ['inpatient_psychiatric', 10],
  ['medical_ed', 5],
  ['withdrawal_management', 6],
  ['shelter', 6],
  ['jail_law_enforcement', 1],
  ['left_against_advice', 4],
  ['other', 1],
];
const DECLINES: Weighted<string> = [
  ['medical_needs_ed', 6],
  ['violence_risk', 2],
  ['at_capacity', 1],
  ['not_eligible_age', 1],
];

const pad = (n: number) => String(n).padStart(2, '0');

export const demoEncounters: DemoStep = (app, users) => {
  const db = app.db;
  const now = app.clock.now();
  const tz = facilityTimeZone(db);
  const r = rng(20260308);
  const pick = pickFrom(r);
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
    first: FIRST[Math.floor(r() * FIRST.length)]!,
    last: LAST[Math.floor(r() * LAST.length)]!,
    dob: `${1960 + Math.floor(r() * 40)}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`,
  }));

  const dayMs = 24 * H;
  const start = now - DAYS * dayMs;
  for (let day = 0; day < DAYS; day++) {
    const perDay = 5 + Math.floor(r() * 5);
    for (let k = 0; k < perDay; k++) {
      const hour = pick(HOURS);
      const arrived = Math.round(start + day * dayMs + hour * H + r() * H);
      if (arrived > now - 2 * dayMs) continue; // recent days are the board's (beds demo)
      const source = pick(SOURCES);
      const isPolice = source === 'law_enforcement' || source === 'co_responder';
      const officer = isPolice ? OFFICERS[pick(OFFICER_WEIGHTS)]! : null;
      const person =
        r() < 0.06
          ? regulars[Math.floor(r() * regulars.length)]!
          : {
              first: FIRST[Math.floor(r() * FIRST.length)]!,
              last: LAST[Math.floor(r() * LAST.length)]!,
              dob:
                r() < 0.1
                  ? null
                  : `${1950 + Math.floor(r() * 58)}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`,
            };
      // Turnaround: mostly 4–9 minutes, a tail past the 10-minute target.
      const turnaround = Math.round((3 + r() * 6 + (r() < 0.15 ? 4 + r() * 12 : 0)) * MIN);
      const declined = isPolice && r() < 0.025;
      const [unitKind, prefix, count] = pick(UNITS);
      const stayH =
        unitKind === 'chair'
          ? r() < 0.04
            ? 24 + r() * 6
            : 4 + r() * 19
          : unitKind === 'bed'
            ? 36 + r() * 120
            : 48 + r() * 48;
      const discharged = declined ? null : Math.min(Math.round(arrived + stayH * H), now - H);
      const probableCause = isPolice && r() < 0.2;
      const concerns = [pick(CONCERNS)];
      if (r() < 0.4) concerns.push(pick(CONCERNS));
      const by = staff[Math.floor(r() * staff.length)]!;
      const released =
        isPolice && !declined
          ? arrived + turnaround
          : !isPolice && !declined
            ? arrived + 2 * MIN
            : null;
      const declinedAt = declined ? arrived + turnaround : null;
      const disposition = declined ? null : pick(DISPOSITIONS);
      const id = w.encounter({
        reference: nextRef(arrived),
        status: declined ? 'declined' : 'discharged',
        source,
        agency: officer?.[0] ?? null,
        officer: officer?.[1] ?? null,
        badge: officer?.[2] ?? null,
        cit: officer ? (officer[3] ? 1 : 0) : null,
        coResponder: isPolice ? (source === 'co_responder' ? 1 : 0) : null,
        probableCause: isPolice ? (probableCause ? 1 : 0) : null,
        diverted: isPolice ? (probableCause && r() < 0.85 ? 1 : 0) : null,
        first: person.first,
        last: person.last,
        dob: person.dob,
        gender: pick([
          ['male', 55],
          ['female', 42],
          ['nonbinary', 3],
        ] as const),
        language: r() < 0.22 ? 'Spanish' : 'English',
        legal: isPolice ? pick(LEGAL_POLICE) : 'voluntary',
        concerns: [...new Set(concerns)].join(';'),
        weapons: isPolice ? 1 : 0,
        arrived,
        released,
        declined: declinedAt,
        declineReason: declined ? pick(DECLINES) : null,
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
    [OFFICERS[1]!, 'Maria', 'Lopez', 4 * MIN + 10_000, 'involuntary_hold'],
    [OFFICERS[8]!, '', 'Unknown', 8 * MIN + 40_000, 'protective_custody'],
  ] as const;
  for (const [o, first, last, ago, legal] of waiting) {
    const arrived = now - ago;
    const id = w.encounter({
      reference: nextRef(arrived),
      status: 'arrived',
      source: 'law_enforcement',
      agency: o[0],
      officer: o[1],
      badge: o[2],
      cit: o[3] ? 1 : 0,
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
