/** Follow-up vocabulary (values are contract: stored, exported, never translated). */
export const CONSENTS = ['yes', 'no', 'not_asked'] as const;
export type Consent = (typeof CONSENTS)[number];

export const APPOINTMENT_KINDS = [
  'outpatient_mental_health',
  'substance_use_treatment',
  'primary_care',
  'peer_support',
  'housing',
  'other',
] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];

export const OUTCOMES = [
  'reached_doing_well',
  'reached_needs_services',
  'reached_appointment_kept',
  'reached_appointment_missed',
  'no_answer',
  'left_message',
  'wrong_number',
  'declined_contact',
  'returned_to_center',
  'other',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** "Reached" outcomes: the person was spoken to (the 24 h / 72 h figures count these). */
export const REACHED_OUTCOMES: readonly Outcome[] = [
  'reached_doing_well',
  'reached_needs_services',
  'reached_appointment_kept',
  'reached_appointment_missed',
];

/** Outcomes that try the same contact again later (until the attempts run out). */
export const RETRY_OUTCOMES: readonly Outcome[] = ['no_answer', 'left_message'];

/** Outcomes that close this contact and every remaining contact of the stay. */
export const CLOSE_ALL_OUTCOMES: readonly Outcome[] = ['wrong_number', 'declined_contact'];

export const CONTACT_STATUSES = ['open', 'done', 'closed'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];
