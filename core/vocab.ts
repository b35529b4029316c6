/**
 * The field's vocabularies (DOMAIN.md), as stored in the database and written in the encounter
 * CSV v1 (docs/encounter-csv.md). Values are contract: never rename one; add new ones at the end.
 */

export const UNIT_KINDS = ['chair', 'bed', 'youth_bed', 'withdrawal_bed', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  chair: '23-hour recliner',
  bed: 'Adult stabilization bed',
  youth_bed: 'Youth bed',
  withdrawal_bed: 'Withdrawal / sobering bed',
  other: 'Other',
};

export const BED_STATUSES = [
  'available',
  'occupied',
  'reserved',
  'cleaning',
  'out_of_service',
] as const;
export type BedStatus = (typeof BED_STATUSES)[number];
export const BED_STATUS_LABELS: Record<BedStatus, string> = {
  available: 'available',
  occupied: 'occupied',
  reserved: 'reserved',
  cleaning: 'cleaning',
  out_of_service: 'out of service',
};

export const CAPACITY_STATUSES = ['open', 'limited', 'full', 'diverting', 'closed'] as const;
export type CapacityStatus = (typeof CAPACITY_STATUSES)[number];

export const REFERRAL_SOURCES = [
  'law_enforcement',
  'co_responder',
  'mobile_crisis',
  'ems',
  'walk_in',
  'family',
  'other',
] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];
export const REFERRAL_SOURCE_LABELS: Record<ReferralSource, string> = {
  law_enforcement: 'Law enforcement',
  co_responder: 'Co-responder team',
  mobile_crisis: 'Mobile crisis team',
  ems: 'EMS',
  walk_in: 'Walk-in',
  family: 'Family / friend',
  other: 'Other',
};
/** A police drop-off: the officer waits, so turnaround is measured (docs/figures-json.md). */
export const POLICE_SOURCES: readonly ReferralSource[] = ['law_enforcement', 'co_responder'];
export const isPoliceSource = (s: string): boolean =>
  (POLICE_SOURCES as readonly string[]).includes(s);

export const LEGAL_STATUSES = [
  'voluntary',
  'involuntary_hold',
  'protective_custody',
  'other',
] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];
export const LEGAL_STATUS_LABELS: Record<LegalStatus, string> = {
  voluntary: 'Voluntary',
  involuntary_hold: 'Involuntary hold (emergency custody)',
  protective_custody: 'Protective custody',
  other: 'Other',
};

export const PRESENTING_CONCERNS = [
  'suicidal_ideation',
  'self_harm',
  'homicidal_ideation',
  'psychosis',
  'mania',
  'depression',
  'anxiety_panic',
  'intoxication',
  'withdrawal',
  'aggression',
  'disorientation',
  'other',
] as const;
export type PresentingConcern = (typeof PRESENTING_CONCERNS)[number];
export const PRESENTING_CONCERN_LABELS: Record<PresentingConcern, string> = {
  suicidal_ideation: 'Suicidal ideation',
  self_harm: 'Self-harm',
  homicidal_ideation: 'Homicidal ideation',
  psychosis: 'Psychosis',
  mania: 'Mania',
  depression: 'Depression',
  anxiety_panic: 'Anxiety / panic',
  intoxication: 'Intoxication',
  withdrawal: 'Withdrawal',
  aggression: 'Aggression',
  disorientation: 'Disorientation',
  other: 'Other',
};

/** Nurse-triage findings that may send the person to an emergency department instead. */
export const MEDICAL_RED_FLAGS = [
  'recent_seizure',
  'chest_pain',
  'open_wound',
  'head_injury',
  'suspected_overdose',
  'unstable_vitals',
  'pregnancy_complication',
  'other',
] as const;
export type MedicalRedFlag = (typeof MEDICAL_RED_FLAGS)[number];
export const MEDICAL_RED_FLAG_LABELS: Record<MedicalRedFlag, string> = {
  recent_seizure: 'Recent seizure',
  chest_pain: 'Chest pain',
  open_wound: 'Open wound',
  head_injury: 'Head injury',
  suspected_overdose: 'Suspected overdose',
  unstable_vitals: 'Unstable vital signs',
  pregnancy_complication: 'Pregnancy complication',
  other: 'Other',
};

export const DISPOSITIONS = [
  'home_community',
  'short_term_bed',
  'inpatient_psychiatric',
  'medical_ed',
  'withdrawal_management',
  'shelter',
  'jail_law_enforcement',
  'left_against_advice',
  'other',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
export const DISPOSITION_LABELS: Record<Disposition, string> = {
  home_community: 'Home / community with follow-up',
  short_term_bed: 'Short-term stabilization bed',
  inpatient_psychiatric: 'Inpatient psychiatric',
  medical_ed: 'Medical emergency department',
  withdrawal_management: 'Withdrawal management',
  shelter: 'Shelter',
  jail_law_enforcement: 'Jail / law enforcement',
  left_against_advice: 'Left against advice',
  other: 'Other',
};

export const DECLINE_REASONS = [
  'medical_needs_ed',
  'violence_risk',
  'at_capacity',
  'not_eligible_age',
  'not_eligible_legal_status',
  'person_refused',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];
export const DECLINE_REASON_LABELS: Record<DeclineReason, string> = {
  medical_needs_ed: 'Medical needs exceed the center (sent to ED)',
  violence_risk: 'Violence risk the center cannot manage',
  at_capacity: 'At capacity',
  not_eligible_age: 'Not eligible: age',
  not_eligible_legal_status: 'Not eligible: legal status',
  person_refused: 'Person refused (voluntary)',
  other: 'Other',
};

export const ENCOUNTER_STATUSES = [
  'expected',
  'arrived',
  'accepted',
  'discharged',
  'declined',
  'lapsed',
] as const;
export type EncounterStatus = (typeof ENCOUNTER_STATUSES)[number];
