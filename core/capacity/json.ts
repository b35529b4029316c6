import type { CapacityStatus, UnitKind } from '../vocab';
import type { Accepts } from './settings';
import type { UnitCounts } from './status';

/** Every published figure, as computed from bed states, arrivals and settings (and stored). */
export interface CapacityFigures {
  status: CapacityStatus;
  acceptingLawEnforcement: boolean;
  units: (UnitCounts & { id: string; name: string; kind: UnitKind })[];
  totals: UnitCounts;
  officersWaiting: number;
  accepts: Accepts;
  note: string | null;
}

/**
 * Exactly the dispatch contract (docs/capacity-endpoint.md, v1), in its key order: what the
 * JSON, the EDXL-HAVE XML and the status page of the capacity endpoint are built from.
 */
export interface CapacityJson {
  facility: { id: string; name: string; timeZone: string; phone: string | null };
  status: CapacityStatus;
  acceptingLawEnforcement: boolean;
  units: CapacityFigures['units'];
  totals: CapacityFigures['totals'];
  officersWaiting: number;
  accepts: Accepts;
  note: string | null;
  updatedAt: string;
  /** When staff last confirmed the counts true (docs/capacity-endpoint.md, v1 addition). */
  confirmedAt: string | null;
  /** The confirmation window has passed, or nothing was ever confirmed; false when off. */
  stale: boolean;
  generatedAt: string;
}
