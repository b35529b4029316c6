import { DEFAULT_CONFIRM_WINDOW_HOURS } from './census';
import { DEFAULT_CAPACITY_RULES, DEFAULT_STAY_THRESHOLDS, type StayThresholds } from './status';

/** Who dispatch may bring (published as `accepts` in the capacity endpoint contract). */
export interface Accepts {
  adults: boolean;
  youth: boolean;
  involuntaryHolds: boolean;
  intoxicated: boolean;
  medicalClearanceRequired: boolean;
}

/** The center's capacity rules and public facts, kept as one settings value. */
export interface CapacitySettings {
  limitedThreshold: number;
  acceptWhenFull: boolean;
  stayThresholds: StayThresholds;
  accepts: Accepts;
  /** The manager's public message to dispatch (e.g. a diversion reason); never a person's data. */
  note: string | null;
  /** Hours a census confirmation holds before the counts are stale (issue #18; 0 = off). */
  confirmWindowHours: number;
}

export const DEFAULT_CAPACITY_SETTINGS: CapacitySettings = {
  ...DEFAULT_CAPACITY_RULES,
  stayThresholds: DEFAULT_STAY_THRESHOLDS,
  // Crisis centers take first-responder drop-offs without medical clearance (DOMAIN.md).
  accepts: {
    adults: true,
    youth: true,
    involuntaryHolds: true,
    intoxicated: true,
    medicalClearanceRequired: false,
  },
  note: null,
  confirmWindowHours: DEFAULT_CONFIRM_WINDOW_HOURS,
};

/** Sharing with dispatch (issue 5): the listener's own settings. */
export interface DispatchSettings {
  enabled: boolean;
  host: string;
  port: number;
  /** Bearer token; null = open to anyone who can reach the port. */
  token: string | null;
  /** Requests per second per client; 0 = no limit. */
  rateLimit: number;
}

export const DEFAULT_DISPATCH_SETTINGS: DispatchSettings = {
  enabled: true,
  host: '127.0.0.1',
  port: 8787,
  token: null,
  rateLimit: 10,
};
