import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { CapacityFigures, CapacityJson } from '../../core/capacity/json';
import { activity24h, getCapacityState } from '../../db/capacity';
import { getFacility } from '../../db/facility';
import { buildHaveXml, type Activity24Hr } from './edxl';
import { renderStatusPage } from './page';

export type { CapacityJson } from '../../core/capacity/json';

export interface Representation {
  body: Buffer;
  etag: string;
  contentType: string;
}

/** Prebuilt bytes and ETags: a poll is a lookup, never a query. */
export interface CapacitySnapshot {
  data: CapacityJson;
  json: Representation;
  xml: Representation;
  html: Representation;
  /** Everything but generatedAt: equal keys mean nothing dispatch sees has changed. */
  key: string;
}

/** Reads the stored capacity state (kept current by every change) into the contract's shape. */
export function readCapacityJson(db: Database, now: number): CapacityJson | null {
  const facility = getFacility(db);
  const state = getCapacityState(db);
  if (!facility || !state) return null;
  const f = JSON.parse(state.figures) as CapacityFigures;
  return {
    facility: {
      id: facility.id,
      name: facility.name,
      timeZone: facility.timeZone,
      phone: facility.phone,
    },
    status: f.status,
    acceptingLawEnforcement: f.acceptingLawEnforcement,
    units: f.units.map((u) => ({
      id: u.id,
      name: u.name,
      kind: u.kind,
      total: u.total,
      available: u.available,
      occupied: u.occupied,
      reserved: u.reserved,
      outOfService: u.outOfService,
    })),
    totals: f.totals,
    officersWaiting: f.officersWaiting,
    accepts: f.accepts,
    note: f.note,
    updatedAt: new Date(state.updated_at).toISOString(),
    generatedAt: new Date(now).toISOString(),
  };
}

const etagOf = (body: Buffer) =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

function representation(text: string, contentType: string): Representation {
  const body = Buffer.from(text, 'utf8');
  return { body, etag: etagOf(body), contentType };
}

/** Everything dispatch sees but the generation time. */
const snapshotKey = (data: CapacityJson, activity: Activity24Hr): string =>
  JSON.stringify({ ...data, generatedAt: null, activity });

export function renderSnapshot(
  data: CapacityJson,
  activity: Activity24Hr,
  key = snapshotKey(data, activity),
): CapacitySnapshot {
  return {
    data,
    json: representation(`${JSON.stringify(data)}\n`, 'application/json; charset=utf-8'),
    xml: representation(buildHaveXml(data, activity), 'application/xml; charset=utf-8'),
    html: representation(renderStatusPage(data), 'text/html; charset=utf-8'),
    key,
  };
}

/**
 * Builds the next snapshot, or keeps `previous` when nothing dispatch sees has changed, so the
 * ETag changes exactly when a figure (or the facility's published details) does.
 */
export function nextSnapshot(
  db: Database,
  now: number,
  previous: CapacitySnapshot | null,
): CapacitySnapshot | null {
  const data = readCapacityJson(db, now);
  if (!data) return null;
  const activity = activity24h(db, now);
  const key = snapshotKey(data, activity);
  if (previous && previous.key === key) return previous;
  return renderSnapshot(data, activity, key);
}
