import type { AppContext } from './context';

// While a backup is being restored every other call is refused (nothing half-read or written).
const busy = new WeakMap<AppContext, string>();

export function setMaintenance(app: AppContext, reason: string | null): void {
  if (reason) busy.set(app, reason);
  else busy.delete(app);
}

export function maintenanceReason(app: AppContext): string | null {
  return busy.get(app) ?? null;
}
