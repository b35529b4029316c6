import type { LegalStatus, ReferralSource, UnitKind } from '../vocab';

export type CensusStayLevel = 'ok' | 'warning' | 'alert';

export interface CensusPerson {
  id: number;
  reference: string;
  /** "Last, First" is built on screen (unknown parts in the language shown). */
  firstName: string | null;
  lastName: string | null;
  referralSource: ReferralSource;
  legalStatus: LegalStatus | null;
  arrivedAt: number;
  /** The officer is still at the desk (arrived, not yet handed off). */
  officerWaiting: boolean;
  bed: { label: string; unit: string; kind: UnitKind } | null;
  stayMs: number;
  stayLevel: CensusStayLevel;
}

export interface CensusView {
  now: number;
  /** A stay near this is flagged: 23 h 59 min, the observation-chair limit. */
  limitMinutes: number;
  warnMinutes: number;
  people: CensusPerson[];
}

/** The shift-handover view: the census plus this shift's figures. */
export interface TodayView extends CensusView {
  shiftStart: number;
  targetMinutes: number;
  officersWaiting: number;
  expected: { id: number; reference: string; agency: string | null; eta: number | null }[];
  handoffs: number;
  overTarget: number;
  medianTurnaroundMs: number | null;
  declines: { reason: string; count: number }[];
}
