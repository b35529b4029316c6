import { tzOffset } from '@date-fns/tz';
import { CSV_COLUMNS, personKey } from '../../core/csv/encounter-csv';
import type { UnitKind } from '../../core/vocab';
import { FIRST_POOL, LAST, LAST_POOL, OFFICER_FIRST } from './names';

/**
 * A realistic, reproducible encounter history for benchmarks and training: arrivals by hour and
 * weekday, an agency mix, police turnaround, length of stay by unit kind, dispositions and some
 * people who come back. Everything comes from one seeded generator, so the same seed, count and
 * end day give the same rows.
 */

/** mulberry32: tiny, fast and good enough for synthetic data (not for anything secret). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Picks from weighted options with one uniform draw. */
function weighted<T>(options: ReadonlyArray<readonly [T, number]>): (u: number) => T {
  const total = options.reduce((s, [, w]) => s + w, 0);
  const cum: number[] = [];
  let acc = 0;
  for (const [, w] of options) cum.push((acc += w / total));
  return (u) => {
    for (let i = 0; i < cum.length; i++) if (u < cum[i]!) return options[i]![0];
    return options[options.length - 1]![0];
  };
}

/** Log-normal with the given median; sigma is the spread of the logarithm. */
const logNormal = (r: () => number, median: number, sigma: number) => {
  const z = Math.sqrt(-2 * Math.log(r() || 1e-12)) * Math.cos(2 * Math.PI * r());
  return median * Math.exp(sigma * z);
};

// Arrivals peak mid-afternoon to late evening; weekends busier (DOMAIN.md volume figures).
const HOUR_WEIGHTS = [
  3, 2.5, 2, 1.5, 1.2, 1, 1.2, 2, 3, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 7.5, 7, 6.5, 6, 5.5, 4.5, 3.5,
];
const WEEKDAY_WEIGHTS = [1, 0.95, 0.95, 1, 1.15, 1.25, 1.1]; // Monday first

const SOURCE = weighted([
  ['law_enforcement', 42],
  ['co_responder', 8],
  ['mobile_crisis', 15],
  ['ems', 8],
  ['walk_in', 17],
  ['family', 7],
  ['other', 3],
] as const);
const AGENCIES = [
  ['Tucson Police Department', 40],
  ['Pima County Sheriff', 22],
  ['Marana Police Department', 8],
  ['Oro Valley Police Department', 7],
  ['South Tucson Police Department', 6],
  ['University of Arizona Police', 6],
  ['Sahuarita Police Department', 5],
  ['Arizona Department of Public Safety', 4],
  ['Tohono O’odham Police', 2],
] as const;
const AGENCY = weighted(AGENCIES.map(([a, w]) => [a, w] as const));
const LEGAL = weighted([
  ['voluntary', 60],
  ['involuntary_hold', 28],
  ['protective_custody', 8],
  ['other', 4],
] as const);
const CONCERN = weighted([
  ['suicidal_ideation', 30],
  ['psychosis', 16],
  ['intoxication', 14],
  ['depression', 12],
  ['anxiety_panic', 8],
  ['aggression', 6],
  ['self_harm', 5],
  ['withdrawal', 4],
  ['mania', 3],
  ['disorientation', 3],
  ['homicidal_ideation', 2],
  ['other', 3],
] as const);
const RED_FLAG = weighted([
  ['suspected_overdose', 30],
  ['head_injury', 15],
  ['open_wound', 15],
  ['chest_pain', 12],
  ['unstable_vitals', 12],
  ['recent_seizure', 10],
  ['pregnancy_complication', 3],
  ['other', 3],
] as const);
const DECLINE = weighted([
  ['medical_needs_ed', 45],
  ['violence_risk', 20],
  ['at_capacity', 15],
  ['not_eligible_age', 8],
  ['not_eligible_legal_status', 5],
  ['person_refused', 5],
  ['other', 2],
] as const);
const UNIT = weighted([
  ['chair', 70],
  ['bed', 18],
  ['withdrawal_bed', 7],
  ['youth_bed', 5],
] as const);
/** Median length of stay in hours and spread, by unit kind. */
const STAY: Record<UnitKind, [number, number]> = {
  chair: [13, 0.45],
  bed: [130, 0.5],
  youth_bed: [96, 0.5],
  withdrawal_bed: [72, 0.4],
  other: [24, 0.6],
};
const BED_PREFIX: Record<UnitKind, [string, number]> = {
  chair: ['R', 16],
  bed: ['B', 16],
  youth_bed: ['Y', 6],
  withdrawal_bed: ['W', 8],
  other: ['O', 4],
};
const DISPOSITION_BY_UNIT: Record<UnitKind, (u: number) => string> = {
  chair: weighted([
    ['home_community', 55],
    ['short_term_bed', 18],
    ['inpatient_psychiatric', 10],
    ['medical_ed', 4],
    ['withdrawal_management', 4],
    ['shelter', 4],
    ['left_against_advice', 3],
    ['jail_law_enforcement', 1],
    ['other', 1],
  ] as const),
  bed: weighted([
    ['home_community', 68],
    ['inpatient_psychiatric', 12],
    ['shelter', 8],
    ['left_against_advice', 6],
    ['medical_ed', 3],
    ['other', 3],
  ] as const),
  youth_bed: weighted([
    ['home_community', 80],
    ['inpatient_psychiatric', 12],
    ['medical_ed', 3],
    ['other', 5],
  ] as const),
  withdrawal_bed: weighted([
    ['home_community', 45],
    ['withdrawal_management', 30],
    ['shelter', 12],
    ['left_against_advice', 10],
    ['other', 3],
  ] as const),
  other: weighted([['home_community', 1]] as const),
};

export interface GenerateOptions {
  encounters: number;
  seed: string;
  /** Last day of the history (UTC date); nothing arrives after its end. */
  endDay: string;
  timeZone: string;
}

export const GENERATED_COLUMNS = [
  ...CSV_COLUMNS,
  'status',
  'person_key',
  'created_at',
  'updated_at',
] as const;

/**
 * Encounters still open at the end of the history: a center has a few dozen people in (its
 * beds and recliners), whatever the length of the history. Only the last arrivals may still be
 * in; an earlier one whose drawn stay would run past the end was discharged before it. (A million
 * encounters in three years is ~900 a day: left to the drawn stays, ~2,000 would still be in.)
 */
export const OPEN_CENSUS = 40;

/** Days of history: about 60 arrivals a day, at least a month, at most three years. */
export const spanDays = (n: number) => Math.min(1095, Math.max(30, Math.round(n / 60)));

/**
 * Calls `emit` with each encounter (values in GENERATED_COLUMNS order), oldest first.
 * References are numbered per local year in arrival order.
 */
export function generateHistory(o: GenerateOptions, emit: (values: unknown[]) => void): void {
  const r = rng(seedOf(o.seed));
  const endMs = Date.parse(`${o.endDay}T00:00:00Z`) + 86_400_000;
  const days = spanDays(o.encounters);
  const startMs = endMs - days * 86_400_000;
  const hour = weighted(HOUR_WEIGHTS.map((w, h) => [h, w] as const));
  const maxW = Math.max(...WEEKDAY_WEIGHTS);

  // Arrival instants as local wall-clock ms, sorted, then shifted to UTC with the zone's offset.
  const wall = new Float64Array(o.encounters);
  for (let i = 0; i < o.encounters; i++) {
    let day: number;
    for (;;) {
      day = Math.floor(r() * days);
      const wd = (Math.floor(startMs / 86_400_000) + day + 3) % 7;
      if (r() * maxW < WEEKDAY_WEIGHTS[wd]!) break;
    }
    wall[i] = startMs + day * 86_400_000 + hour(r()) * 3_600_000 + Math.floor(r() * 3600) * 1000;
  }
  wall.sort();
  const offsets = new Map<number, number>();
  const toUtc = (w: number) => {
    const bucket = Math.floor(w / 3_600_000);
    let off = offsets.get(bucket);
    if (off === undefined) {
      off = tzOffset(o.timeZone, new Date(w));
      offsets.set(bucket, off);
    }
    return w - off * 60_000;
  };

  // People: a pool that grows; about one visit in four is by someone seen before, skewed toward
  // a few frequent visitors (who become the repeat-visit list).
  const people: number[] = [];
  const personSeed = seedOf(`${o.seed}/people`);
  const seq = new Map<number, number>();
  // The end of the last day in the facility's zone (no arrival is later).
  const nowMs = Math.max(toUtc(endMs), o.encounters ? toUtc(wall[o.encounters - 1]!) : 0);
  // Its own generator, so every other field is the same as without the census rule.
  const census = rng(seedOf(`${o.seed}/census`));
  const openFrom = o.encounters - OPEN_CENSUS;

  for (let i = 0; i < o.encounters; i++) {
    const arrived = toUtc(wall[i]!);
    const year = new Date(wall[i]!).getUTCFullYear();
    const n = (seq.get(year) ?? 0) + 1;
    seq.set(year, n);
    const reference = `H-${year}-${String(n).padStart(5, '0')}`;

    const source = SOURCE(r());
    const police = source === 'law_enforcement' || source === 'co_responder';
    let person: number;
    if (people.length > 50 && r() < 0.25) person = people[Math.floor(people.length * r() ** 3)]!;
    else {
      person = people.length;
      people.push(person);
    }
    const pr = rng(personSeed ^ Math.imul(person + 1, 2654435761));
    const unknownName = pr() < 0.06;
    const knownDob = !unknownName && pr() < 0.9;
    const first = unknownName ? null : FIRST_POOL[Math.floor(pr() * FIRST_POOL.length)]!;
    const last = unknownName ? null : LAST_POOL[Math.floor(pr() * LAST_POOL.length)]!;
    const age = 14 + Math.floor(pr() * 60);
    const birthYear = year - age;
    const dob = knownDob
      ? `${birthYear}-${String(1 + Math.floor(pr() * 12)).padStart(2, '0')}-${String(1 + Math.floor(pr() * 28)).padStart(2, '0')}`
      : null;
    const gender = pr() < 0.58 ? 'male' : pr() < 0.95 ? 'female' : 'nonbinary';
    const language = pr() < 0.8 ? 'English' : pr() < 0.95 ? 'Spanish' : 'Navajo';

    let agency: string | null = null;
    let officer: string | null = null;
    let badge: string | null = null;
    if (police) {
      agency = AGENCY(r());
      const o2 = Math.floor(r() * 40);
      officer = `${OFFICER_FIRST[o2 % OFFICER_FIRST.length]} ${LAST[(o2 * 7) % LAST.length]}`;
      badge = String(1000 + ((o2 * 37 + agency.length * 11) % 9000));
    }
    const probableCause = police ? r() < 0.25 : null;
    const declined = r() < (police ? 0.012 : 0.02);
    const kind: UnitKind = age < 18 && r() < 0.7 ? 'youth_bed' : UNIT(r());
    const concerns = new Set<string>([CONCERN(r())]);
    if (r() < 0.45) concerns.add(CONCERN(r()));
    if (r() < 0.15) concerns.add(CONCERN(r()));

    let released = police && !declined ? arrived + Math.round(logNormal(r, 6, 0.5) * 60_000) : null;
    // Nothing happens after the end: an officer who arrived minutes before it is still waiting.
    if (released !== null && released > nowMs) released = null;
    const declinedAtDrawn = declined ? arrived + Math.round((5 + r() * 20) * 60_000) : null;
    const declinedAt = declinedAtDrawn === null ? null : Math.min(declinedAtDrawn, nowMs);
    let discharged: number | null = null;
    let disposition: string | null = null;
    if (!declined) {
      const [median, sigma] = STAY[kind];
      const end = arrived + Math.round(logNormal(r, median, sigma) * 3_600_000);
      if (end <= nowMs) {
        discharged = end;
        disposition = DISPOSITION_BY_UNIT[kind](r());
      } else if (i < openFrom) {
        // Past the census: discharged between acceptance and the end of the history.
        const from = released ?? arrived;
        discharged = from + Math.round((nowMs - from) * census());
        disposition = DISPOSITION_BY_UNIT[kind](census());
      } else if (!police) {
        // Still in: accepted a few minutes after arrival (acceptance sets the release time).
        released = Math.min(nowMs, arrived + Math.round((2 + census() * 10) * 60_000));
      }
    }
    const [prefix, beds] = BED_PREFIX[kind];
    const status = declined
      ? 'declined'
      : discharged
        ? 'discharged'
        : released
          ? 'accepted'
          : 'arrived';
    emit([
      reference,
      source,
      agency,
      officer,
      badge,
      police ? (r() < 0.6 ? 1 : 0) : null,
      police ? (source === 'co_responder' ? 1 : 0) : null,
      probableCause === null ? null : probableCause ? 1 : 0,
      probableCause ? (r() < 0.85 ? 1 : 0) : probableCause === null ? null : 0,
      first,
      last,
      dob,
      knownDob ? null : age,
      gender,
      language,
      LEGAL(r()),
      [...concerns].join(';'),
      r() < 0.07 ? RED_FLAG(r()) : null,
      police ? (r() < 0.95 ? 1 : 0) : r() < 0.5 ? 1 : 0,
      arrived,
      released,
      declinedAt,
      declined ? DECLINE(r()) : null,
      declined ? null : kind,
      declined ? null : `${prefix}-${String(1 + Math.floor(r() * beds)).padStart(2, '0')}`,
      discharged,
      disposition,
      null,
      status,
      personKey(first, last, dob),
      arrived,
      discharged ?? released ?? arrived,
    ]);
  }
}
