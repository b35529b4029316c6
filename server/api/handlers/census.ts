import { TZDate } from '@date-fns/tz';
import type { Database } from 'better-sqlite3';
import { DEFAULT_STAY_THRESHOLDS, stayLevel } from '../../../core/capacity/status';
import type { censusContract } from '../../../core/contract/census';
import type { CensusPerson, CensusView, TodayView } from '../../../core/census/types';
import {
  isPoliceSource,
  type LegalStatus,
  type ReferralSource,
  type UnitKind,
} from '../../../core/vocab';
import { getCapacitySettings } from '../../../db/capacity';
import { listCensus, shiftFigures } from '../../../db/census';
import { getTurnaroundTarget, listActiveEncounters } from '../../../db/encounters';
import { facilityTimeZone } from '../../encounters/time';
import type { HandlersFor } from '../types';

/** The limit of a stay in a crisis center's observation chair: 23 h 59 min. */
const LIMIT_MINUTES = 23 * 60 + 59;

/** Shifts change at 07:00 and 19:00 in the facility's zone (the usual 12-hour pattern). */
export function shiftStartOf(now: number, timeZone: string): number {
  const d = new TZDate(now, timeZone);
  const at = (day: TZDate, h: number) =>
    new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), h, 0, timeZone).getTime();
  const seven = at(d, 7);
  const nineteen = at(d, 19);
  if (now >= nineteen) return nineteen;
  if (now >= seven) return seven;
  return at(new TZDate(now - 24 * 3_600_000, timeZone), 19);
}

function readCensus(db: Database, now: number): CensusView {
  const thresholds = getCapacitySettings(db).stayThresholds;
  const chair = thresholds.chair ?? DEFAULT_STAY_THRESHOLDS.chair!;
  const limitMinutes = Math.min(chair.alertMinutes, LIMIT_MINUTES);
  const warnMinutes = Math.min(chair.warnMinutes, limitMinutes);
  const people: CensusPerson[] = listCensus(db).map((r) => {
    const stayMs = Math.max(0, now - r.arrived_at);
    // A bed's unit has its own thresholds; without a bed the person is under observation (chair).
    const kind = (r.unit_kind ?? 'chair') as UnitKind;
    return {
      id: r.id,
      reference: r.reference,
      firstName: r.first_name,
      lastName: r.last_name,
      referralSource: r.referral_source as ReferralSource,
      legalStatus: r.legal_status as LegalStatus | null,
      arrivedAt: r.arrived_at,
      officerWaiting:
        r.status === 'arrived' &&
        isPoliceSource(r.referral_source) &&
        r.officer_released_at === null,
      bed:
        r.bed_label !== null
          ? { label: r.bed_label, unit: r.unit_name ?? '', kind: r.unit_kind as UnitKind }
          : null,
      stayMs,
      stayLevel: stayLevel(kind, stayMs, kind === 'chair' ? { ...thresholds, chair } : thresholds),
    };
  });
  return { now, limitMinutes, warnMinutes, people };
}

export const censusHandlers: HandlersFor<typeof censusContract> = {
  'census.get': function censusGet(_input, ctx) {
    return readCensus(ctx.app.db, ctx.now);
  },

  'census.today': function censusToday(_input, ctx) {
    const { db } = ctx.app;
    const census = readCensus(db, ctx.now);
    const shiftStart = shiftStartOf(ctx.now, facilityTimeZone(db));
    const targetMinutes = getTurnaroundTarget(db);
    const shift = shiftFigures(db, shiftStart, targetMinutes * 60_000);
    const ms = shift.turnaroundsMs;
    const median =
      ms.length === 0
        ? null
        : ms.length % 2
          ? ms[(ms.length - 1) / 2]!
          : (ms[ms.length / 2 - 1]! + ms[ms.length / 2]!) / 2;
    const view: TodayView = {
      ...census,
      shiftStart,
      targetMinutes,
      officersWaiting: census.people.filter((p) => p.officerWaiting).length,
      expected: listActiveEncounters(db)
        .filter((r) => r.status === 'expected')
        .map((r) => ({ id: r.id, reference: r.reference, agency: r.agency, eta: r.expected_eta })),
      handoffs: shift.handoffs,
      overTarget: shift.overTarget,
      medianTurnaroundMs: median,
      declines: shift.declines.map((d) => ({ reason: d.reason, count: d.n })),
    };
    return view;
  },
};
