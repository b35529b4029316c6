import type { CapacityStatus, UnitKind } from '../vocab';

/** Bed counts of one unit, derived from bed states (never a separate counter). */
export interface UnitCounts {
  total: number;
  available: number;
  occupied: number;
  reserved: number;
  outOfService: number;
}

/** `diverting` or `closed`, set by a manager; `until` (epoch ms) makes it revert by itself. */
export interface ManualStatus {
  status: 'diverting' | 'closed';
  reason: string | null;
  until: number | null;
}

export interface CapacityRules {
  /** `limited` when the available count is at or below this (and above zero). */
  limitedThreshold: number;
  /** No-refusal policy: a full center still takes police drop-offs unless this is false. */
  acceptWhenFull: boolean;
}

export const DEFAULT_CAPACITY_RULES: CapacityRules = { limitedThreshold: 2, acceptWhenFull: true };

/**
 * "Available means vacant and staffed": with a staffed limit, a unit cannot take more people
 * than its staff can care for, whatever the number of empty beds.
 */
export function availableInUnit(
  vacant: number,
  occupied: number,
  reserved: number,
  staffedLimit: number | null,
): number {
  if (staffedLimit === null) return vacant;
  return Math.max(0, Math.min(vacant, staffedLimit - occupied - reserved));
}

/** A manual status is in force until its expiry passes (the expiry instant itself reverts). */
export function manualInForce(manual: ManualStatus | null, now: number): boolean {
  return manual !== null && (manual.until === null || manual.until > now);
}

export interface StatusResult {
  status: CapacityStatus;
  acceptingLawEnforcement: boolean;
}

/** The facility's capacity status from its available count, any manual status and the rules. */
export function capacityStatus(
  available: number,
  manual: ManualStatus | null,
  rules: CapacityRules,
  now: number,
): StatusResult {
  if (manual && manualInForce(manual, now))
    return { status: manual.status, acceptingLawEnforcement: false };
  if (available <= 0) return { status: 'full', acceptingLawEnforcement: rules.acceptWhenFull };
  if (available <= rules.limitedThreshold)
    return { status: 'limited', acceptingLawEnforcement: true };
  return { status: 'open', acceptingLawEnforcement: true };
}

export function sumCounts(units: readonly UnitCounts[]): UnitCounts {
  const t: UnitCounts = { total: 0, available: 0, occupied: 0, reserved: 0, outOfService: 0 };
  for (const u of units) {
    t.total += u.total;
    t.available += u.available;
    t.occupied += u.occupied;
    t.reserved += u.reserved;
    t.outOfService += u.outOfService;
  }
  return t;
}

/** Length-of-stay thresholds per unit kind, in minutes (settings; chairs by default). */
export type StayThresholds = Partial<
  Record<UnitKind, { warnMinutes: number; alertMinutes: number }>
>;

/** A chair is a 23-hour observation place: warn after 20 h, alert past 23 h 59 min. */
export const DEFAULT_STAY_THRESHOLDS: StayThresholds = {
  chair: { warnMinutes: 20 * 60, alertMinutes: 23 * 60 + 59 },
};

export type StayLevel = 'ok' | 'warning' | 'alert';

export function stayLevel(kind: UnitKind, stayMs: number, thresholds: StayThresholds): StayLevel {
  const t = thresholds[kind];
  if (!t) return 'ok';
  const minutes = stayMs / 60_000;
  if (minutes > t.alertMinutes) return 'alert';
  if (minutes > t.warnMinutes) return 'warning';
  return 'ok';
}
