import { turnaroundMinutes } from '../../../core/encounters/turnaround';
import {
  getTurnaroundTarget,
  listActiveEncounters,
  listAgencies,
  listEncounterEvents,
  recentOfficers,
  toSummary,
} from '../../../db/encounters';
import { searchEncounters } from '../../../db/encounter-search';
import { getFacility } from '../../../db/facility';
import { listOfficersWaiting } from '../../../db/officers-waiting';
import type { HandlerCtx } from '../../context';
import { lapseDue } from '../../encounters/lapse';
import { facilityTimeZone, startOfDayIn, startOfNextDayIn } from '../../encounters/time';
import { requireRow, view } from '../../encounters/writes';
import type { In, Out } from '../types';

/** The encounter reads (a record, the search, the board, suggestions, the officer's receipt). */

const SUGGESTION_WINDOW_MS = 90 * 24 * 60 * 60 * 1000;

export function getEncounter(input: In<'encounters.get'>, ctx: HandlerCtx): Out<'encounters.get'> {
  const row = requireRow(ctx, input.id);
  // Every view of a person's record is audited (HIPAA 164.312(b)).
  ctx.audit({ action: 'encounters.view', entity: 'encounters', entityId: row.id });
  return {
    encounter: view(row),
    events: listEncounterEvents(ctx.app.db, row.id),
    now: ctx.now,
    targetMinutes: getTurnaroundTarget(ctx.app.db),
  };
}

export function searchEncounterList(
  input: In<'encounters.search'>,
  ctx: HandlerCtx,
): Out<'encounters.search'> {
  const tz = facilityTimeZone(ctx.app.db);
  const { rows, truncated } = searchEncounters(ctx.app.db, {
    text: input.text || undefined,
    agency: input.agency || undefined,
    fromMs: input.from ? startOfDayIn(input.from, tz) : null,
    toMs: input.to ? startOfNextDayIn(input.to, tz) : null,
    status: input.status,
    limit: input.limit ?? 100,
  });
  // A result list shows names: record that a search happened and what it revealed (ids only).
  ctx.audit({
    action: 'encounters.search',
    entity: 'encounters',
    detail: { results: rows.length, ids: rows.slice(0, 100).map((r) => r.id) },
  });
  return { rows: rows.map(toSummary), truncated };
}

export function activeEncounters(
  _input: In<'encounters.active'>,
  ctx: HandlerCtx,
): Out<'encounters.active'> {
  let rows = listActiveEncounters(ctx.app.db);
  if (lapseDue(ctx, rows)) rows = listActiveEncounters(ctx.app.db);
  const waiting = listOfficersWaiting(ctx.app.db);
  const waitingIds = new Set(waiting.map((w) => w.id));
  return {
    now: ctx.now,
    targetMinutes: getTurnaroundTarget(ctx.app.db),
    waiting,
    expected: rows.filter((r) => r.status === 'expected').map(toSummary),
    inHouse: rows.filter((r) => r.status !== 'expected' && !waitingIds.has(r.id)).map(toSummary),
  };
}

export function handoffSuggestions(
  _input: In<'encounters.suggestions'>,
  ctx: HandlerCtx,
): Out<'encounters.suggestions'> {
  return {
    agencies: listAgencies(ctx.app.db),
    officers: recentOfficers(ctx.app.db, ctx.now - SUGGESTION_WINDOW_MS),
  };
}

export function officerReceipt(
  input: In<'encounters.receipt'>,
  ctx: HandlerCtx,
): Out<'encounters.receipt'> {
  const row = requireRow(ctx, input.id);
  const facility = getFacility(ctx.app.db);
  ctx.audit({ action: 'encounters.receipt', entity: 'encounters', entityId: row.id });
  return {
    reference: row.reference,
    facilityName: facility?.name ?? '',
    facilityAddress: facility?.address ?? null,
    facilityPhone: facility?.phone ?? null,
    timeZone: facility?.timeZone ?? 'UTC',
    agency: row.agency,
    officerName: row.officer_name,
    badgeNumber: row.badge_number,
    arrivedAt: row.arrived_at,
    officerReleasedAt: row.officer_released_at,
    turnaroundMinutes:
      row.arrived_at !== null && row.officer_released_at !== null
        ? turnaroundMinutes(row.arrived_at, row.officer_released_at)
        : null,
  };
}
