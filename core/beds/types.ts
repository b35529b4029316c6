import type { StayThresholds, UnitCounts } from '../capacity/status';
import type { CapacitySettings } from '../capacity/settings';
import type { ConfirmationView } from '../capacity/census';
import type { BedStatus, CapacityStatus, UnitKind } from '../vocab';

export interface BoardBed {
  id: number;
  label: string;
  status: BedStatus;
  statusSince: number;
  reason: string | null;
  encounterId: number | null;
  /** Occupant's (or expected arrival's) initials only: the board is seen by everyone at the desk. */
  initials: string | null;
  /** When the occupant arrived (length of stay); null when the bed is not occupied. */
  arrivedAt: number | null;
}

export interface BoardUnit extends UnitCounts {
  id: number;
  name: string;
  kind: UnitKind;
  staffedLimit: number | null;
  /** Empty beds, whether or not staffed (`available` is the staffed figure). */
  vacant: number;
  cleaning: number;
  beds: BoardBed[];
}

export interface ManualStatusView {
  status: 'diverting' | 'closed';
  reason: string | null;
  until: number | null;
  setAt: number | null;
}

export interface CapacityView {
  status: CapacityStatus;
  acceptingLawEnforcement: boolean;
  manual: ManualStatusView | null;
  totals: UnitCounts;
  officersWaiting: number;
  note: string | null;
  /** When any published figure last changed. */
  updatedAt: number;
  /** When the counts were last confirmed true, and whether that is too long ago (issue #18). */
  census: ConfirmationView;
}

export interface BoardView {
  units: BoardUnit[];
  capacity: CapacityView;
  stayThresholds: StayThresholds;
  /** The server's clock, so durations on screen agree with the server (and a test clock). */
  now: number;
}

export interface BedHistoryView {
  at: number;
  user: string | null;
  from: BedStatus | null;
  to: BedStatus;
  reason: string | null;
}

/** The settings as the Capacity settings screen reads and writes them. */
export type CapacitySettingsView = CapacitySettings;

export interface DispatchView {
  enabled: boolean;
  host: string;
  port: number;
  rateLimit: number;
  /** Shown to managers so they can hand it to dispatch; null = no token needed. */
  token: string | null;
  note: string | null;
  /** Whether the listener runs in this process, and where. */
  running: boolean;
  url: string | null;
  /** The URLs to give dispatch (one per network address when listening on all). */
  urls: string[];
  /** The listener is on loopback: no other machine can reach it (Settings: listen address). */
  localOnly?: boolean;
  statusPageUrls: string[];
  error: string | null;
  /** Host/port come from the command line and override the settings. */
  overridden: boolean;
  interfaces: string[];
  /** What dispatch receives right now. */
  json: string | null;
}
