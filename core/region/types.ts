import type { CapacityJson } from '../capacity/json';

/**
 * The capacity v1 object as it passes through the region: exactly a center's own document (a
 * peer's is checked and its strings capped by core/region/capacity-schema.ts on the way in).
 */
export type RegionCapacity = CapacityJson;

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
