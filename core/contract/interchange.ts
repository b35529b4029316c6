import { z } from 'zod';
import { m } from '../messages';
import { CASE_MANAGEMENT, MANAGERS } from '../roles';
import type { FiguresV1 } from '../reports/figures';
import { method } from './define';

/** One refused row of an import: the file line it starts on, the column (if one) and why. */
export interface ImportRowError {
  line: number;
  column: string | null;
  reason: string;
}

export interface ImportReport {
  mode: 'dry_run' | 'all_or_nothing' | 'valid_only';
  /** Data rows read (the header and blank lines not counted). */
  rows: number;
  validRows: number;
  invalidRows: number;
  /** Every problem found; `errors` lists the first 1000 of them. */
  errorCount: number;
  errors: ImportRowError[];
  /** Rows written: 0 for a dry run, or when a bad row stopped an all-or-nothing import. */
  imported: number;
  firstReference: string | null;
}

export interface TurnaroundGroupView {
  key: string;
  count: number;
  median: number | null;
  p90: number | null;
  withinTargetPct: number | null;
}

export interface DashboardData {
  figures: FiguresV1;
  turnaroundByAgency: TurnaroundGroupView[];
  turnaroundByHour: TurnaroundGroupView[];
  /** 7 rows (Monday first) × 24 hours of arrivals. */
  heatmap: number[][];
  weekly: { week: string; encounters: number; policeDropOffs: number }[];
  /** % of time accepting police while not full; null with `reason` when it cannot be computed. */
  accepting: { pct: number | null; reason: string | null };
  edDiversionPct: number | null;
  /** Occupancy by unit: now, and average and peak over the range (from the bed history). */
  occupancy: UnitOccupancyView[];
}

export interface UnitOccupancyView {
  unit: string;
  kind: string;
  /** Beds in service now. */
  total: number;
  /** Occupied now. */
  occupied: number;
  /** Time-weighted average number of occupied beds over the range; null without bed history. */
  average: number | null;
  /** Most beds occupied at once during the range; null without bed history. */
  peak: number | null;
}

export interface RepeatVisitorView {
  personKey: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  visits: number;
  firstArrivedAt: number;
  lastArrivedAt: number;
  references: string[];
}

/** The most pairs `reports.possibleMatches` returns (the screen says when the list is cut). */
export const POSSIBLE_MATCHES_LIMIT = 200;

/** A candidate pair for the "same person / not the same" decision. */
export interface PossibleMatchView {
  keyA: string;
  keyB: string;
  nameA: string;
  nameB: string;
  dateOfBirthA: string;
  dateOfBirthB: string;
  visitsA: number;
  visitsB: number;
  decision: 'same' | 'different' | null;
}

const day = z
  .string({ error: 'A date is required' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD');

export const rangeSchema = z.object({
  from: day,
  to: day,
  /** Optional: a caller that assumes a zone is told when it is not the facility's. */
  timeZone: z.string().max(100).optional(),
});

export const exportPageSchema = z
  .object({
    after: z
      .object({ arrivedAt: z.number().int(), reference: z.string().min(1).max(40) })
      .nullable()
      .default(null),
    /** Why names leave the system (asked before the first page, kept in the audit log). */
    reason: z.string().trim().max(500).optional(),
  })
  .refine((v) => v.after !== null || (v.reason?.length ?? 0) >= 3, {
    message: m('exportReasonRequired'),
    path: ['reason'],
  });

export const importBeginSchema = z.object({
  name: z.string().trim().min(1).max(255),
  size: z.number().int().min(0),
});
export const importAppendSchema = z.object({
  uploadId: z.string().regex(/^[a-f0-9]{32}$/, 'Unknown upload'),
  /** Base64 of the next bytes: the server checks the encoding, so bytes travel unchanged. */
  data: z.string().max(1_500_000, 'Send at most 1 MB per piece'),
});
export const importRunSchema = z.object({
  uploadId: z.string().regex(/^[a-f0-9]{32}$/, 'Unknown upload'),
  mode: z.enum(['dry_run', 'all_or_nothing', 'valid_only']),
});

export const matchDecisionSchema = z.object({
  keyA: z.string().min(1).max(400),
  keyB: z.string().min(1).max(400),
  decision: z.enum(['same', 'different']).nullable(),
});

export const interchangeContract = {
  'reports.figures': method<DashboardData>()({ input: rangeSchema, access: MANAGERS }),
  'reports.repeatVisitors': method<RepeatVisitorView[]>()({
    input: rangeSchema,
    access: CASE_MANAGEMENT,
    audit: 'read',
  }),
  'reports.possibleMatches': method<PossibleMatchView[]>()({
    input: rangeSchema,
    access: CASE_MANAGEMENT,
    audit: 'read',
  }),
  'reports.decideMatch': method<null>()({
    input: matchDecisionSchema,
    access: CASE_MANAGEMENT,
    audit: 'write',
  }),
  'encounters.exportPage': method<{
    csv: string;
    rows: number;
    next: { arrivedAt: number; reference: string } | null;
  }>()({
    input: exportPageSchema,
    access: MANAGERS,
    audit: 'read',
  }),
  'encounters.importBegin': method<{ uploadId: string }>()({
    input: importBeginSchema,
    access: MANAGERS,
  }),
  'encounters.importAppend': method<{ received: number }>()({
    input: importAppendSchema,
    access: MANAGERS,
  }),
  'encounters.importRun': method<ImportReport>()({
    input: importRunSchema,
    access: MANAGERS,
    audit: 'write',
  }),
} as const;
