import type {
  DeclineReason,
  Disposition,
  EncounterStatus,
  LegalStatus,
  MedicalRedFlag,
  PresentingConcern,
  ReferralSource,
  UnitKind,
} from '../vocab';

/** One encounter as staff see it (the encounter page). Times are UTC epoch ms. */
export interface EncounterView {
  id: number;
  reference: string;
  status: EncounterStatus;
  referralSource: ReferralSource;
  agency: string | null;
  officerName: string | null;
  badgeNumber: string | null;
  citTrained: boolean | null;
  coResponder: boolean | null;
  probableCause: boolean | null;
  divertedFromArrest: boolean | null;
  firstName: string | null;
  lastName: string | null;
  dateOfBirth: string | null;
  estimatedAge: number | null;
  gender: string | null;
  preferredLanguage: string | null;
  legalStatus: LegalStatus | null;
  presentingConcerns: PresentingConcern[];
  medicalRedFlags: MedicalRedFlag[];
  referToEd: boolean | null;
  weaponsSearchDone: boolean | null;
  belongings: string | null;
  notes: string | null;
  expectedEta: number | null;
  arrivedAt: number | null;
  officerReleasedAt: number | null;
  declinedAt: number | null;
  declineReason: DeclineReason | null;
  dischargedAt: number | null;
  disposition: Disposition | null;
  bedId: number | null;
  unitKind: UnitKind | null;
  bedLabel: string | null;
  createdAt: number;
  updatedAt: number;
  /** When retention removed the identifying details (names, birth date, officer, notes). */
  deidentifiedAt?: number | null;
  /** A pre-arrival call's number to call the officer back on (E.164). */
  callbackPhone?: string | null;
}

/** A recorded pre-arrival call, with the label of the bed held for it (null: none held). */
export type ExpectedArrivalView = EncounterView & { heldBedLabel: string | null };

export interface EncounterEventView {
  id: number;
  at: number;
  kind: string;
  userName: string | null;
  detail: Record<string, unknown> | null;
}

export interface EncounterDetail {
  encounter: EncounterView;
  events: EncounterEventView[];
  /** Server time when read: the UI computes live durations from it, not from the PC clock. */
  now: number;
  targetMinutes: number;
}

/** A row in lists and search results. */
export type EncounterSummary = Pick<
  EncounterView,
  | 'id'
  | 'reference'
  | 'status'
  | 'referralSource'
  | 'agency'
  | 'officerName'
  | 'expectedEta'
  | 'arrivedAt'
  | 'officerReleasedAt'
  | 'declinedAt'
  | 'dischargedAt'
  | 'disposition'
  | 'bedId'
  | 'bedLabel'
  | 'firstName'
  | 'lastName'
> & {
  /** "Last, First", or "Unknown" (English: a sort key; screens build the name from the parts). */
  personName: string;
};

/** An officer still waiting for staff to assume custody (what dispatch counts). */
export interface WaitingOfficer {
  id: number;
  reference: string;
  referralSource: ReferralSource;
  agency: string | null;
  officerName: string | null;
  badgeNumber: string | null;
  arrivedAt: number;
  /**
   * Initials only: the board can be seen from the door. Null when no name was given (the screen
   * says "unknown" in its own language).
   */
  initials: string | null;
  fromKiosk: boolean;
}

export interface ActiveEncounters {
  /** Server time: the live clock runs on an offset from it (issue 4: injectable clock). */
  now: number;
  targetMinutes: number;
  waiting: WaitingOfficer[];
  expected: EncounterSummary[];
  inHouse: EncounterSummary[];
}

export interface EncounterSearchResult {
  rows: EncounterSummary[];
  /** More matched than were returned. */
  truncated: boolean;
}

export interface HandoffSuggestions {
  agencies: string[];
  officers: { officerName: string; badgeNumber: string | null; agency: string | null }[];
}

/** What an officer takes away: proof of release. No clinical detail, not even the person. */
export interface OfficerReceipt {
  reference: string;
  facilityName: string;
  facilityAddress: string | null;
  facilityPhone: string | null;
  timeZone: string;
  agency: string | null;
  officerName: string | null;
  badgeNumber: string | null;
  arrivedAt: number | null;
  officerReleasedAt: number | null;
  turnaroundMinutes: number | null;
}

export interface TurnaroundSettings {
  targetMinutes: number;
}

export interface KioskDeviceView {
  id: number;
  name: string;
  createdAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

export interface KioskIssued {
  device: KioskDeviceView;
  /** Shown once to the administrator, typed once at the kiosk; only its hash is stored. */
  code: string;
}

export interface KioskCheckInResult {
  reference: string;
  arrivedAt: number;
}
