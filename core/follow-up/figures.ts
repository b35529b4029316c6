/** The followUp block of Figures JSON v1 (DESIGN.md "Follow-up after discharge"). */
export interface FollowUpFigures {
  eligible: number;
  reachedWithin24h: number;
  reachedWithin72h: number;
  within24hPct: number | null;
  within72hPct: number | null;
  aftercareScheduled: number;
  aftercareKept: number;
}

export type FollowUpFigureId =
  'eligible' | 'reachedWithin24h' | 'reachedWithin72h' | 'aftercareScheduled' | 'aftercareKept';

/** Word for word what db/follow-ups.ts computes; the dashboard shows each next to its number. */
export const FOLLOW_UP_DEFINITIONS: Record<
  FollowUpFigureId,
  { label: string; definition: string }
> = {
  eligible: {
    label: 'Eligible for follow-up',
    definition:
      'Encounters in range (by arrival) that were discharged with a disposition whose follow-up policy asked for a contact, and whose person agreed to be contacted.',
  },
  reachedWithin24h: {
    label: 'Reached within 24 h',
    definition:
      'Eligible encounters with an attempt whose outcome is one of the “reached” outcomes, made at most 24 hours after the discharge (exactly 24 h counts). The percentage is over the eligible encounters.',
  },
  reachedWithin72h: {
    label: 'Reached within 72 h',
    definition:
      'Eligible encounters with a “reached” attempt made at most 72 hours after the discharge. The percentage is over the eligible encounters.',
  },
  aftercareScheduled: {
    label: 'Aftercare scheduled',
    definition:
      'Discharged encounters in range with an aftercare appointment recorded at discharge.',
  },
  aftercareKept: {
    label: 'Aftercare kept',
    definition:
      'Of the encounters with an aftercare appointment, those whose follow-up recorded “reached — appointment kept”.',
  },
};
