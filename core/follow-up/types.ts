import type { DueState, FollowUpPolicy } from './policy';
import type { ContactStatus, Outcome } from './vocab';

/** One follow-up contact as the list shows it. */
export interface FollowUpContactView {
  id: number;
  encounterId: number;
  reference: string;
  firstName: string | null;
  lastName: string | null;
  personKey: string | null;
  ordinal: number;
  offsetHours: number;
  dueAt: number;
  status: ContactStatus;
  state: DueState;
  attempts: number;
  maxAttempts: number;
  lastOutcome: Outcome | null;
  lastAttemptAt: number | null;
  /** Sent back with an attempt: another desk's attempt in between is refused. */
  version: number;
  disposition: string;
  dischargedAt: number;
  /** E.164; the screen formats it. */
  phone: string | null;
  bestTime: string | null;
  appointmentAt: number | null;
  appointmentProvider: string | null;
  appointmentKind: string | null;
}

export interface FollowUpListView {
  now: number;
  due: FollowUpContactView[];
  overdue: FollowUpContactView[];
  upcoming: FollowUpContactView[];
  done: FollowUpContactView[];
}

export interface AttemptView {
  id: number;
  contactId: number;
  ordinal: number;
  at: number;
  outcome: Outcome;
  note: string | null;
  userName: string | null;
}

export interface RecordedAttempt {
  attempt: AttemptView;
  contact: FollowUpContactView;
  /** Other contacts of the stay this attempt closed (wrong number, declined). */
  closedContactIds: number[];
}

export interface IntakeNoteView {
  id: number;
  personKey: string;
  version: number;
  text: string;
  author: string | null;
  updatedAt: number;
  versions: { version: number; text: string; at: number; userName: string | null }[];
}

export interface PersonEncounterView {
  id: number;
  reference: string;
  status: string;
  referralSource: string;
  agency: string | null;
  arrivedAt: number | null;
  dischargedAt: number | null;
  disposition: string | null;
  consent: string | null;
  appointmentAt: number | null;
  appointmentKind: string | null;
  appointmentProvider: string | null;
  contacts: { ordinal: number; status: ContactStatus; lastOutcome: Outcome | null }[];
  attempts: AttemptView[];
}

export interface PersonView {
  personKey: string;
  /** Every key merged into this person by a "same person" decision, this one included. */
  keys: string[];
  firstName: string | null;
  lastName: string | null;
  dateOfBirth: string | null;
  encounters: PersonEncounterView[];
  repeat: {
    visits: number;
    visitsLast30Days: number;
    visitsLast90Days: number;
    /** Three visits within 30 days at some point (the repeat-visitor figure's pattern). */
    repeatPattern: boolean;
    firstArrivedAt: number | null;
    lastArrivedAt: number | null;
  };
  notes: IntakeNoteView[];
  now: number;
}

export interface FollowUpPolicyView extends FollowUpPolicy {
  overdueAfterHours: number;
}
