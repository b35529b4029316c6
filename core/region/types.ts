import type { Accepts } from '../capacity/settings';
import type { CapacityStatus, UnitKind } from '../vocab';

/** The capacity v1 object as it passes through the region (only v1 fields, strings capped). */
export interface RegionCapacity {
  facility: { id: string; name: string; timeZone: string; phone: string | null };
  status: CapacityStatus;
  acceptingLawEnforcement: boolean;
  units: {
    id: string;
    name: string;
    kind: UnitKind;
    total: number;
    available: number;
    occupied: number;
    reserved: number;
    outOfService: number;
  }[];
  totals: {
    total: number;
    available: number;
    occupied: number;
    reserved: number;
    outOfService: number;
  };
  officersWaiting: number;
  accepts: Accepts;
  note: string | null;
  updatedAt: string;
  confirmedAt: string | null;
  stale: boolean;
  generatedAt: string;
}

/** One center on the regional board (DESIGN.md `GET /api/v1/region`). */
export interface RegionCenter {
  source: string | null;
  name: string;
  reachable: boolean;
  error: string | null;
  fetchedAt: string | null;
  stale: boolean;
  capacity: RegionCapacity | null;
}

export interface RegionView {
  version: 1;
  generatedAt: string;
  centers: RegionCenter[];
}

/** A peer as Settings → Region lists it (its token is never shown back). */
export interface RegionPeerView {
  id: number;
  url: string;
  name: string | null;
  hasToken: boolean;
}

export interface RegionSettingsView {
  intervalSeconds: number;
  peers: RegionPeerView[];
}
