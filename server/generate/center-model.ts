import type { UnitKind } from '../../core/vocab';

/**
 * One model of a crisis center for made-up data: who arrives when and with whom, what they
 * present with, how long they stay and where they go. The demo center (server/encounters/demo.ts,
 * a few months for training and the e2e tests) and `handoff generate` (history.ts, up to millions
 * of rows for the benchmarks) both draw from it, so their figures agree and a change of mix is
 * made once. Names are in names.ts.
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
export function weighted<T>(options: ReadonlyArray<readonly [T, number]>): (u: number) => T {
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
const logNormal = (r: () => number, median: number, sigma: number): number => {
  const z = Math.sqrt(-2 * Math.log(r() || 1e-12)) * Math.cos(2 * Math.PI * r());
  return median * Math.exp(sigma * z);
};

// Arrivals peak mid-afternoon to late evening; weekends busier (DOMAIN.md volume figures).
const HOUR_WEIGHTS = [
  3, 2.5, 2, 1.5, 1.2, 1, 1.2, 2, 3, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 7.5, 7, 6.5, 6, 5.5, 4.5, 3.5,
];
export const WEEKDAY_WEIGHTS = [1, 0.95, 0.95, 1, 1.15, 1.25, 1.1]; // Monday first
/** An instant's UTC weekday, Monday 0 as WEEKDAY_WEIGHTS counts (1970-01-01 was a Thursday). */
export const weekdayOf = (ms: number): number => (Math.floor(ms / 86_400_000) + 3) % 7;
export const HOUR = weighted(HOUR_WEIGHTS.map((w, h) => [h, w] as const));

export const SOURCE = weighted([
  ['law_enforcement', 42],
  ['co_responder', 8],
  ['mobile_crisis', 15],
  ['ems', 8],
  ['walk_in', 17],
  ['family', 7],
  ['other', 3],
] as const);
export const AGENCIES = [
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
export type Agency = (typeof AGENCIES)[number][0];
export const AGENCY = weighted(AGENCIES.map(([a, w]) => [a, w] as const));

export interface Officer {
  agency: Agency;
  name: string;
  badge: string;
  citTrained: boolean;
}
const officer = (agency: Agency, name: string, badge: string, citTrained: boolean): Officer => ({
  agency,
  name,
  badge,
  citTrained,
});
/**
 * Named officers, a few per agency, who bring people again and again (the demo's officers: the
 * desk suggests them from recent drop-offs; the e2e tests type some of them). A generated history
 * of millions makes up its own from the name pools instead.
 */
const OFFICERS: readonly Officer[] = [
  officer('Tucson Police Department', 'Dana Reyes', '4471', true),
  officer('Tucson Police Department', 'Marcus Bell', '5120', true),
  officer('Tucson Police Department', 'Priya Shah', '3987', false),
  officer('Tucson Police Department', 'Luis Carrillo', '4802', true),
  officer('Tucson Police Department', 'Erin Walsh', '5233', false),
  officer('Tucson Police Department', 'Tom Becker', '2954', true),
  officer('Tucson Police Department', 'Aisha Grant', '5561', true),
  officer('Pima County Sheriff', 'Lee Park', 'S-19', true),
  officer('Pima County Sheriff', 'Rosa Medina', 'S-42', false),
  officer('Pima County Sheriff', 'Ken Yazzie', 'S-77', true),
  officer('Pima County Sheriff', 'Beth Larsen', 'S-08', true),
  officer('Marana Police Department', 'Pat Kim', 'M-77', true),
  officer('Marana Police Department', 'Owen Ruiz', 'M-31', false),
  officer('Oro Valley Police Department', 'Casey Nguyen', 'OV-2231', true),
  officer('Sahuarita Police Department', 'Jamie Ortega', 'SA-114', false),
  officer('University of Arizona Police', 'Chris Holt', 'UA-62', true),
  officer('South Tucson Police Department', 'Gabe Montoya', 'ST-21', true),
  officer('Arizona Department of Public Safety', 'Renee Alvarez', 'DPS-5512', true),
  officer('Tohono O’odham Police', 'Darren Antone', 'TO-9', false),
];
const ROSTERS = new Map<Agency, Officer[]>(AGENCIES.map(([a]) => [a, []]));
for (const o of OFFICERS) ROSTERS.get(o.agency)!.push(o);

/** An officer of the agency, by the agency's mix (one draw for the agency, one for the officer). */
export function drawOfficer(r: () => number): Officer {
  const roster = ROSTERS.get(AGENCY(r()))!;
  return roster[Math.floor(r() * roster.length)]!;
}

/** The roster's officer of that name (the demo's officers waiting now). */
export function namedOfficer(name: string): Officer {
  const o = OFFICERS.find((x) => x.name === name);
  if (!o) throw new Error(`no officer ${name} in the center model`);
  return o;
}
export const LEGAL = weighted([
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
export const RED_FLAG = weighted([
  ['suspected_overdose', 30],
  ['head_injury', 15],
  ['open_wound', 15],
  ['chest_pain', 12],
  ['unstable_vitals', 12],
  ['recent_seizure', 10],
  ['pregnancy_complication', 3],
  ['other', 3],
] as const);
export const DECLINE = weighted([
  ['medical_needs_ed', 45],
  ['violence_risk', 20],
  ['at_capacity', 15],
  ['not_eligible_age', 8],
  ['not_eligible_legal_status', 5],
  ['person_refused', 5],
  ['other', 2],
] as const);
export const UNIT = weighted([
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
export const DISPOSITION_BY_UNIT: Record<UnitKind, (u: number) => string> = {
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

/*
 * The steps of an encounter's life that both draw the same way. Each takes the generator and
 * draws in a fixed order, so a caller's sequence of draws (and with it a seeded history) does not
 * depend on which of them it uses.
 */

/** The presenting concerns: one, often two, sometimes three (joined as the CSV writes them). */
export function drawConcerns(r: () => number): string {
  const concerns = new Set<string>([CONCERN(r())]);
  if (r() < 0.45) concerns.add(CONCERN(r()));
  if (r() < 0.15) concerns.add(CONCERN(r()));
  return [...concerns].join(';');
}

/** Whether a drop-off or arrival is declined: rare, rarer for police (they call ahead). */
export const drawDeclined = (r: () => number, police: boolean): boolean =>
  r() < (police ? 0.012 : 0.02);

/** Minutes from arrival until the officer is released. */
export const drawTurnaroundMinutes = (r: () => number): number => logNormal(r, 6, 0.5);

/** Hours of a stay in a unit of this kind. */
export const drawStayHours = (r: () => number, kind: UnitKind): number =>
  logNormal(r, STAY[kind][0], STAY[kind][1]);

export const drawGender = (r: () => number): string =>
  r() < 0.58 ? 'male' : r() < 0.95 ? 'female' : 'nonbinary';

export const drawLanguage = (r: () => number): string =>
  r() < 0.8 ? 'English' : r() < 0.95 ? 'Spanish' : 'Navajo';

/** Whether the person was searched for weapons: nearly always after a police drop-off. */
export const drawWeaponsSearched = (r: () => number, police: boolean): boolean =>
  police ? r() < 0.95 : r() < 0.5;

/** Probable cause for an arrest, and whether the person was diverted from it. */
export const PROBABLE_CAUSE_SHARE = 0.25;
export const DIVERTED_SHARE = 0.85;
