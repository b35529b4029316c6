import { resolveRange } from '../../core/reports/range';
import { ApiError } from '../../core/result';
import { FIGURE_DEFINITIONS, type FiguresV1 } from '../../core/reports/figures';
import { FOLLOW_UP_DEFINITIONS } from '../../core/follow-up/figures';
import {
  DECLINE_REASON_LABELS,
  DISPOSITION_LABELS,
  UNIT_KIND_LABELS,
  type DeclineReason,
  type Disposition,
  type UnitKind,
} from '../../core/vocab';
import { appendAudit } from '../../db/audit';
import { getFacility } from '../../db/facility';
import { computeFigures } from '../../db/reports';
import { openBackend, type Backend } from '../app';
import { getTurnaroundTarget } from '../../db/encounters';
import {
  DEIDENTIFIED_CSV,
  ENCOUNTER_CSV_V1,
  exportEncountersToFile,
  writeEncounterCsv,
} from '../interchange/export';
import {
  DEIDENTIFIED_EXPORT_ACTION,
  FULL_EXPORT_ACTION,
  exportableEncounterCount,
} from '../../db/export-log';
import { m } from '../../core/messages';
import { ImportFileError, importEncounterCsv, type ImportMode } from '../interchange/import';
import { UsageError, parse } from './args';

export interface Out {
  info(l: string): void;
  error(l: string): void;
}

function withBackend<T>(
  values: { 'data-dir'?: string; 'key-file'?: string },
  fn: (b: Backend, zone: string) => Promise<T>,
) {
  const backend = openBackend({
    dataDir: values['data-dir'] ?? './data',
    keyFile: values['key-file'],
  });
  const facility = getFacility(backend.db);
  if (!facility) {
    backend.close();
    throw new UsageError(
      `No facility is set up in ${backend.dataDir}. Run "handoff serve" once (or pass the right --data-dir).`,
    );
  }
  return fn(backend, facility.timeZone).finally(() => backend.close());
}

/** `handoff import FILE [--dry-run] [--valid-only]`: one transaction, or nothing. */
export async function importCommand(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parse(args, {
    'data-dir': { type: 'string' },
    'key-file': { type: 'string' },
    'dry-run': { type: 'boolean' },
    'valid-only': { type: 'boolean' },
  });
  if (positionals.length !== 1)
    throw new UsageError('import takes one file: handoff import FILE.csv');
  if (values['dry-run'] && values['valid-only'])
    throw new UsageError('--dry-run and --valid-only exclude each other');
  const mode: ImportMode = values['dry-run']
    ? 'dry_run'
    : values['valid-only']
      ? 'valid_only'
      : 'all_or_nothing';
  return withBackend(values, async (backend) => {
    let report;
    try {
      report = await importEncounterCsv(backend, positionals[0]!, {
        mode,
        userId: null,
        username: 'cli',
        onProgress: (n) => process.stderr.isTTY && process.stderr.write(`\r${n} rows read…`),
      });
    } catch (err) {
      if (err instanceof ImportFileError) {
        out.error(`handoff import: ${err.message} Nothing was imported.`);
        return 1;
      }
      throw err;
    }
    if (process.stderr.isTTY) process.stderr.write('\r');
    for (const e of report.errors)
      out.error(`line ${e.line}${e.column ? `, ${e.column}` : ''}: ${e.reason}`);
    if (report.errorCount > report.errors.length)
      out.error(`… and ${report.errorCount - report.errors.length} more problems.`);
    out.info(`${report.rows} rows read: ${report.validRows} valid, ${report.invalidRows} refused.`);
    if (mode === 'dry_run') {
      out.info('Dry run: nothing was imported.');
      return report.invalidRows > 0 ? 1 : 0;
    }
    if (report.imported === 0 && report.invalidRows > 0) {
      out.info(
        'Nothing was imported (fix the rows above, or pass --valid-only to import the rest).',
      );
      return 1;
    }
    out.info(`Imported ${report.imported} encounters.`);
    return 0;
  });
}

/**
 * `handoff export --reason TEXT [--out FILE]`: the encounter CSV v1 (names included), streamed
 * (to stdout without --out); `--deidentified`: the de-identified CSV, no reason asked.
 */
export async function exportCommand(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parse(args, {
    'data-dir': { type: 'string' },
    'key-file': { type: 'string' },
    out: { type: 'string' },
    reason: { type: 'string' },
    deidentified: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError('export takes no arguments; use --out FILE');
  const deidentified = values.deidentified ?? false;
  const reason = values.reason?.trim() ?? '';
  if (!deidentified && reason.length < 3)
    throw new UsageError(
      `${m('exportReasonRequired')} Give --reason "…", or --deidentified for a file without names.`,
    );
  const format = deidentified ? DEIDENTIFIED_CSV : ENCOUNTER_CSV_V1;
  return withBackend(values, async (backend, zone) => {
    // Every read of people's records is audited, from the command line too.
    appendAudit(backend.db, {
      at: backend.clock.now(),
      userId: null,
      username: 'cli',
      action: deidentified ? DEIDENTIFIED_EXPORT_ACTION : FULL_EXPORT_ACTION,
      entity: 'encounters',
      detail: {
        to: values.out ? 'file' : 'stdout',
        rows: exportableEncounterCount(backend.db),
        ...(deidentified ? {} : { reason }),
      },
    });
    if (values.out) {
      const rows = await exportEncountersToFile(backend.db, zone, values.out, format);
      out.error(`Exported ${rows} encounters to ${values.out}.`);
    } else {
      await writeEncounterCsv(backend.db, zone, process.stdout, format);
    }
    return 0;
  });
}

const num = (v: number | null, unit = '') => (v === null ? 'no data' : `${v}${unit}`);

/** The readable form of Figures JSON v1 (the `--json` form is the contract). */
export function formatFigures(f: FiguresV1): string {
  const lines: string[] = [];
  const row = (label: string, value: string | number) => lines.push(`${label.padEnd(38)} ${value}`);
  lines.push(`Figures ${f.range.from} to ${f.range.to} (${f.range.timeZone})`, '');
  if (f.encounters === 0) {
    lines.push('No data: no encounters arrived in this range.');
    return lines.join('\n');
  }
  row(FIGURE_DEFINITIONS.encounters.label, f.encounters);
  row(FIGURE_DEFINITIONS.policeDropOffs.label, f.policeDropOffs);
  row(FIGURE_DEFINITIONS.declinedPoliceDropOffs.label, f.declinedPoliceDropOffs);
  for (const [k, n] of Object.entries(f.declineReasons))
    row(`  ${DECLINE_REASON_LABELS[k as DeclineReason] ?? k}`, n);
  const t = f.turnaroundMinutes;
  row(`Officer turnaround, drop-offs measured`, t.count);
  row(`  median (minutes)`, num(t.median));
  row(`  90th percentile (minutes)`, num(t.p90));
  row(`  within ${t.targetMinutes} minutes`, num(t.withinTargetPct, '%'));
  lines.push('Length of stay (hours)');
  if (Object.keys(f.lengthOfStayHours).length === 0) lines.push('  no discharged stays');
  for (const [k, s] of Object.entries(f.lengthOfStayHours))
    row(
      `  ${UNIT_KIND_LABELS[k as UnitKind] ?? k}`,
      `${s.count} stays, median ${num(s.median)}, p90 ${num(s.p90)}`,
    );
  row(FIGURE_DEFINITIONS.chairStaysOver23h59.label, f.chairStaysOver23h59);
  lines.push('Dispositions');
  if (Object.keys(f.dispositions).length === 0) lines.push('  no discharges');
  for (const [k, n] of Object.entries(f.dispositions))
    row(`  ${DISPOSITION_LABELS[k as Disposition] ?? k}`, n);
  row('Probable cause for arrest', f.jailDiversion.probableCause);
  row('  of those diverted from arrest', f.jailDiversion.diverted);
  row(FIGURE_DEFINITIONS.repeatVisitors.label, f.repeatVisitors);
  const u = f.followUp;
  lines.push('Follow-up after discharge');
  row(`  ${FOLLOW_UP_DEFINITIONS.eligible.label}`, u.eligible);
  row(
    `  ${FOLLOW_UP_DEFINITIONS.reachedWithin24h.label}`,
    `${u.reachedWithin24h} (${num(u.within24hPct, '%')})`,
  );
  row(
    `  ${FOLLOW_UP_DEFINITIONS.reachedWithin72h.label}`,
    `${u.reachedWithin72h} (${num(u.within72hPct, '%')})`,
  );
  row(`  ${FOLLOW_UP_DEFINITIONS.aftercareScheduled.label}`, u.aftercareScheduled);
  row(`  ${FOLLOW_UP_DEFINITIONS.aftercareKept.label}`, u.aftercareKept);
  return lines.join('\n');
}

/** `handoff report --from YYYY-MM-DD --to YYYY-MM-DD [--json]`. */
export async function reportCommand(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parse(args, {
    'data-dir': { type: 'string' },
    'key-file': { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError('report takes no arguments');
  if (!values.from || !values.to)
    throw new UsageError('report needs --from YYYY-MM-DD and --to YYYY-MM-DD');
  return withBackend(values, async (backend, zone) => {
    let range;
    try {
      range = resolveRange(values.from!, values.to!, zone);
    } catch (err) {
      if (err instanceof ApiError) throw new UsageError(err.message);
      throw err;
    }
    const figures = computeFigures(backend.db, range, getTurnaroundTarget(backend.db));
    out.info(values.json ? JSON.stringify(figures, null, 2) : formatFigures(figures));
    return 0;
  });
}
