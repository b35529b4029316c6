import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { CapacityFigures, CapacityJson } from '../../core/capacity/json';
import { activity24h, getCapacityState } from '../../db/capacity';
import { getFacility } from '../../db/facility';
import { buildHaveXml, type Activity24Hr } from './edxl';
import { readCensusConfirmation } from './census';
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
  return readPublished(db, now)?.data ?? null;
}

/**
 * What the status page says beside the JSON's figures, kept out of the JSON (its contract is
 * frozen): who last confirmed the census (a role), and a diversion or closure staff set by hand
 * with its end (null: until staff lift it).
 */
export interface PageExtras {
  confirmedBy: string | null;
  manual: { status: 'diverting' | 'closed'; until: number | null } | null;
}

function readPublished(db: Database, now: number): ({ data: CapacityJson } & PageExtras) | null {
  const facility = getFacility(db);
  const state = getCapacityState(db);
  if (!facility || !state) return null;
  const f = JSON.parse(state.figures) as CapacityFigures;
  const census = readCensusConfirmation(db, now);
  const data: CapacityJson = {
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
    confirmedAt: census.confirmedAt === null ? null : new Date(census.confirmedAt).toISOString(),
    stale: census.stale,
    generatedAt: new Date(now).toISOString(),
  };
  const manual = state.manual_status
    ? { status: state.manual_status, until: state.manual_until }
    : null;
  return { data, confirmedBy: census.confirmedBy, manual };
}

const etagOf = (body: Buffer) =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

function representation(text: string, contentType: string): Representation {
  const body = Buffer.from(text, 'utf8');
  return { body, etag: etagOf(body), contentType };
}

/** Everything dispatch sees but the generation time. */
const snapshotKey = (data: CapacityJson, activity: Activity24Hr, extras: PageExtras): string =>
  JSON.stringify({ ...data, generatedAt: null, activity, extras });

const NO_EXTRAS: PageExtras = { confirmedBy: null, manual: null };

export function renderSnapshot(
  data: CapacityJson,
  activity: Activity24Hr,
  extras: PageExtras = NO_EXTRAS,
  key = snapshotKey(data, activity, extras),
): CapacitySnapshot {
  const json = representation(`${JSON.stringify(data)}\n`, 'application/json; charset=utf-8');
  return {
    data,
    json,
    xml: representation(buildHaveXml(data, activity), 'application/xml; charset=utf-8'),
    html: representation(
      renderStatusPage(data, json.etag.slice(1, -1), extras),
      'text/html; charset=utf-8',
    ),
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
  const published = readPublished(db, now);
  if (!published) return null;
  const { data, ...extras } = published;
  const activity = activity24h(db, now);
  const key = snapshotKey(data, activity, extras);
  if (previous && previous.key === key) return previous;
  return renderSnapshot(data, activity, extras, key);
}
