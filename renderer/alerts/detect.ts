import { turnaroundLevel, type TurnaroundLevel } from '../../core/encounters/turnaround';
import type { WaitingOfficer } from '../../core/encounters/types';

export type DeskAlertKind = 'kiosk' | 'near' | 'over';

export interface DeskAlert {
  kind: DeskAlertKind;
  id: number;
  reference: string;
  agency: string | null;
  officerName: string | null;
}

/** What the desk has already been told about each officer waiting. */
export type AlertMemory = ReadonlyMap<number, TurnaroundLevel>;

const RANK: Record<TurnaroundLevel, number> = { within: 0, near: 1, over: 2 };

/**
 * The alerts a change brings: an officer checked in at the kiosk (new on the list), and an
 * officer's wait crossing 80 % (near) or 100 % (over) of the target. Each fires once; what was
 * already on the list when the desk signed in (`memory` null) is the baseline, not news.
 */
export function detectAlerts(
  memory: AlertMemory | null,
  waiting: readonly WaitingOfficer[],
  now: number,
  targetMinutes: number,
): { alerts: DeskAlert[]; memory: AlertMemory } {
  const next = new Map<number, TurnaroundLevel>();
  const alerts: DeskAlert[] = [];
  for (const o of waiting) {
    const level = turnaroundLevel(Math.max(0, now - o.arrivedAt), targetMinutes);
    next.set(o.id, level);
    if (memory === null) continue;
    const before = memory.get(o.id);
    const about = {
      id: o.id,
      reference: o.reference,
      agency: o.agency,
      officerName: o.officerName,
    };
    if (before === undefined && o.fromKiosk) alerts.push({ kind: 'kiosk', ...about });
    if (level !== 'within' && RANK[level] > RANK[before ?? 'within'])
      alerts.push({ kind: level, ...about });
  }
  return { alerts, memory: next };
}

/** The worst wait on the list, for the badge's colour. */
export function worstLevel(
  waiting: readonly WaitingOfficer[],
  now: number,
  targetMinutes: number,
): TurnaroundLevel {
  let worst: TurnaroundLevel = 'within';
  for (const o of waiting) {
    const level = turnaroundLevel(Math.max(0, now - o.arrivedAt), targetMinutes);
    if (RANK[level] > RANK[worst]) worst = level;
  }
  return worst;
}
