/** Settings keys of retention (Settings → Retention; off until an administrator sets months). */
export const RETENTION_MONTHS_SETTING = 'retention.months';
export const RETENTION_LAST_RUN_SETTING = 'retention.lastRun';
