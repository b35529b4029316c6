import { tzOffset } from '@date-fns/tz';
import { CSV_COLUMNS, personKey } from '../../core/csv/encounter-csv';
import { isPoliceSource, type UnitKind } from '../../core/vocab';
import {
  AGENCY,
  DECLINE,
  DISPOSITION_BY_UNIT,
  DIVERTED_SHARE,
  HOUR,
  LEGAL,
  PROBABLE_CAUSE_SHARE,
  RED_FLAG,
  SOURCE,
  UNIT,
  WEEKDAY_WEIGHTS,
  drawConcerns,
  drawDeclined,
  drawGender,
  drawLanguage,
  drawStayHours,
  drawTurnaroundMinutes,
  drawWeaponsSearched,
  rng,
  seedOf,
  weekdayOf,
} from './center-model';
import { FIRST_POOL, LAST, LAST_POOL, OFFICER_FIRST } from './names';
import { formatReference } from '../../db/encounters';

/**
 * A realistic, reproducible encounter history for benchmarks and training: arrivals by hour and
 * weekday, an agency mix, police turnaround, length of stay by unit kind, dispositions and some
 * people who come back (the center's mix is center-model.ts, shared with the demo). Everything
 * comes from one seeded generator, so the same seed, count and end day give the same rows.
 */

/** Bed labels of the generated center: R-01…R-16 and so on. */
const BED_PREFIX: Record<UnitKind, [string, number]> = {
  chair: ['R', 16],
  bed: ['B', 16],
  youth_bed: ['Y', 6],
  withdrawal_bed: ['W', 8],
  other: ['O', 4],
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
  const maxW = Math.max(...WEEKDAY_WEIGHTS);

  // Arrival instants as local wall-clock ms, sorted, then shifted to UTC with the zone's offset.
  const wall = new Float64Array(o.encounters);
  for (let i = 0; i < o.encounters; i++) {
    let day: number;
    for (;;) {
      day = Math.floor(r() * days);
      if (r() * maxW < WEEKDAY_WEIGHTS[weekdayOf(startMs + day * 86_400_000)]!) break;
    }
    wall[i] = startMs + day * 86_400_000 + HOUR(r()) * 3_600_000 + Math.floor(r() * 3600) * 1000;
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
    const reference = formatReference(year, n);

    const source = SOURCE(r());
    const police = isPoliceSource(source);
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
    const gender = drawGender(pr);
    const language = drawLanguage(pr);

    let agency: string | null = null;
    let officer: string | null = null;
    let badge: string | null = null;
    if (police) {
      agency = AGENCY(r());
      const o2 = Math.floor(r() * 40);
      officer = `${OFFICER_FIRST[o2 % OFFICER_FIRST.length]} ${LAST[(o2 * 7) % LAST.length]}`;
      badge = String(1000 + ((o2 * 37 + agency.length * 11) % 9000));
    }
    const probableCause = police ? r() < PROBABLE_CAUSE_SHARE : null;
    const declined = drawDeclined(r, police);
    const kind: UnitKind = age < 18 && r() < 0.7 ? 'youth_bed' : UNIT(r());
    const concerns = drawConcerns(r);

    let released =
      police && !declined ? arrived + Math.round(drawTurnaroundMinutes(r) * 60_000) : null;
    // Nothing happens after the end: an officer who arrived minutes before it is still waiting.
    if (released !== null && released > nowMs) released = null;
    const declinedAtDrawn = declined ? arrived + Math.round((5 + r() * 20) * 60_000) : null;
    const declinedAt = declinedAtDrawn === null ? null : Math.min(declinedAtDrawn, nowMs);
    let discharged: number | null = null;
    let disposition: string | null = null;
    if (!declined) {
      const end = arrived + Math.round(drawStayHours(r, kind) * 3_600_000);
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
      probableCause ? (r() < DIVERTED_SHARE ? 1 : 0) : probableCause === null ? null : 0,
      first,
      last,
      dob,
      knownDob ? null : age,
      gender,
      language,
      LEGAL(r()),
      concerns,
      r() < 0.07 ? RED_FLAG(r()) : null,
      drawWeaponsSearched(r, police) ? 1 : 0,
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
