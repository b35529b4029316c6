import type { Database } from 'better-sqlite3';
import type { BoardBed, BoardUnit, BoardView, CapacityView } from '../../core/beds/types';
import { availableInUnit } from '../../core/capacity/status';
import { boardBeds, unitCounts, type UnitCountRow } from '../../db/beds';
import { getCapacitySettings, type CapacityStateRow } from '../../db/capacity';
import { refreshCapacity, type CapacityFigures } from '../capacity/state';
import { readCensusConfirmation } from '../capacity/census';
import type { ConfirmationView } from '../../core/capacity/census';

export function toUnitView(u: UnitCountRow, beds: BoardBed[]): BoardUnit {
  return {
    id: u.id,
    name: u.name,
    kind: u.kind,
    staffedLimit: u.staffed_limit,
    total: u.total,
    available: availableInUnit(u.vacant, u.occupied, u.reserved, u.staffed_limit),
    vacant: u.vacant,
    occupied: u.occupied,
    reserved: u.reserved,
    cleaning: u.cleaning,
    outOfService: u.out_of_service,
    beds,
  };
}

export function capacityView(state: CapacityStateRow, census: ConfirmationView): CapacityView {
  const f = JSON.parse(state.figures) as CapacityFigures;
  return {
    status: state.status,
    acceptingLawEnforcement: state.accepting_law_enforcement === 1,
    manual: state.manual_status
      ? {
          status: state.manual_status,
          reason: state.manual_reason,
          until: state.manual_until,
          setAt: state.manual_set_at,
        }
      : null,
    totals: f.totals,
    officersWaiting: f.officersWaiting,
    note: f.note,
    updatedAt: state.updated_at,
    census,
  };
}

/**
 * Everything the board shows, read in one go; capacity is refreshed first (diversion expiry)
 * unless the caller passes the state it has just refreshed.
 */
export function buildBoard(
  db: Database,
  now: number,
  state: CapacityStateRow = refreshCapacity(db, now),
): BoardView {
  const byUnit = new Map<number, BoardBed[]>();
  for (const b of boardBeds(db)) {
    const list = byUnit.get(b.unit_id) ?? [];
    list.push({
      id: b.id,
      label: b.label,
      status: b.status,
      statusSince: b.status_since,
      reason: b.status_reason,
      encounterId: b.encounter_id,
      initials: b.initials,
      arrivedAt: b.arrived_at,
    });
    byUnit.set(b.unit_id, list);
  }
  return {
    units: unitCounts(db).map((u) => toUnitView(u, byUnit.get(u.id) ?? [])),
    capacity: capacityView(state, readCensusConfirmation(db, now)),
    stayThresholds: getCapacitySettings(db).stayThresholds,
    now,
  };
}

export function unitView(db: Database, unitId: number, now: number): BoardUnit {
  const unit = buildBoard(db, now).units.find((u) => u.id === unitId);
  if (!unit) throw new Error(`unit ${unitId} is not active`);
  return unit;
}
