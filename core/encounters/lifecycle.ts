import { m, type MessageKey } from '../messages';
import type { EncounterStatus } from '../vocab';

/**
 * The encounter lifecycle as one pure state machine (issue 4):
 *
 *   expected ──arrive──► arrived ──accept──► accepted ──discharge──► discharged
 *      │  └──lapse──► lapsed        │                │
 *      └──decline──► declined ◄─────┘                └─ assign/move bed (also while arrived)
 *
 * Handlers ask `transition()` before writing, so a second "accept" or a discharge of someone
 * never accepted is refused the same way everywhere (HTTP, IPC, kiosk, import).
 */
export const ENCOUNTER_ACTIONS = [
  'arrive',
  'accept',
  'assignBed',
  'discharge',
  'decline',
  'lapse',
  'correct',
] as const;
export type EncounterAction = (typeof ENCOUNTER_ACTIONS)[number];

/** Target status of each action from each status; absent = not allowed. */
const TABLE: Record<EncounterStatus, Partial<Record<EncounterAction, EncounterStatus>>> = {
  expected: {
    arrive: 'arrived',
    decline: 'declined',
    lapse: 'lapsed',
    assignBed: 'expected',
    correct: 'expected',
  },
  arrived: { accept: 'accepted', decline: 'declined', assignBed: 'arrived', correct: 'arrived' },
  accepted: { assignBed: 'accepted', discharge: 'discharged', correct: 'accepted' },
  // Closed encounters change only by correction (with a reason, kept as history).
  discharged: { correct: 'discharged' },
  declined: { correct: 'declined' },
  lapsed: { correct: 'lapsed' },
};

/** Why an action is refused, with the status it found (`; this one is <status words>.`). */
const REFUSALS: Record<EncounterAction, MessageKey> = {
  arrive: 'refuseArrive',
  accept: 'refuseAccept',
  assignBed: 'refuseAssignBed',
  discharge: 'refuseDischarge',
  decline: 'refuseDecline',
  lapse: 'refuseLapse',
  correct: 'refuseCorrect',
};

export type TransitionResult =
  { ok: true; status: EncounterStatus } | { ok: false; message: string };

export function transition(status: EncounterStatus, action: EncounterAction): TransitionResult {
  const next = TABLE[status][action];
  if (next) return { ok: true, status: next };
  return { ok: false, message: m(REFUSALS[action], { encounterStatus: status }) };
}

export const canDo = (status: EncounterStatus, action: EncounterAction): boolean =>
  TABLE[status][action] !== undefined;

/** Still on the premises or on the way: shown on boards, counted for capacity. */
export const isActiveStatus = (s: EncounterStatus): boolean =>
  s === 'expected' || s === 'arrived' || s === 'accepted';

/** A pre-arrival call lapses this long after its ETA unless the person arrives (issue 4). */
export const EXPECTED_LAPSE_MS = 30 * 60 * 1000;
export const isLapseDue = (expectedEta: number, now: number): boolean =>
  now > expectedEta + EXPECTED_LAPSE_MS;

/** Arrival may be typed a little ahead of the server clock (desk PCs drift), never more. */
export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;
