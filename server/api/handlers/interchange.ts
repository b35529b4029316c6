import type { interchangeContract } from '../../../core/contract/interchange';
import { resolveRange } from '../../../core/reports/range';
import { ApiError } from '../../../core/result';
import { msg } from '../../../core/messages';
import { getFacility } from '../../../db/facility';
import { decideMatch } from '../../../db/person-matches';
import type { HandlerCtx } from '../../context';
import { getTurnaroundTarget } from '../../../db/encounters';
import { cachedDashboard, reportOffThread } from '../../interchange/report-runner';
import type { ReportJob, ReportResults } from '../../interchange/report-jobs';
import { runtimeInfo } from '../../runtime-info';
import { exportPage } from '../../interchange/export';
import { ImportFileError, importEncounterCsv } from '../../interchange/import';
import {
  appendUpload,
  beginUpload,
  completedUpload,
  discardUpload,
} from '../../interchange/uploads';
import type { HandlersFor } from '../types';
import { FULL_EXPORT_ACTION, exportableEncounterCount } from '../../../db/export-log';

function facilityZone(ctx: HandlerCtx): string {
  const f = getFacility(ctx.app.db);
  if (!f) throw new ApiError('conflict', msg('setUpFacilityFirst'));
  return f.timeZone;
}

/** A report range in the facility's zone; a caller assuming another zone is told so. */
function range(
  ctx: HandlerCtx,
  input: { from: string; to: string; timeZone?: string | undefined },
) {
  const zone = facilityZone(ctx);
  if (input.timeZone !== undefined && input.timeZone !== zone) {
    throw new ApiError('invalid_input', msg('reportZone', { zone, given: input.timeZone }), {
      timeZone: msg('reportZoneField', { zone }),
    });
  }
  return resolveRange(input.from, input.to, zone);
}

/**
 * A case-management list (names of people): the view is audited on the main connection, then the
 * list is read on the report worker thread.
 */
function caseList<K extends 'repeatVisitors' | 'possibleMatches'>(
  kind: K,
  input: { from: string; to: string; timeZone?: string | undefined },
  ctx: HandlerCtx,
): Promise<ReportResults[K]> {
  const r = range(ctx, input);
  ctx.audit({
    action: `reports.${kind}`,
    entity: 'encounters',
    detail: { from: r.from, to: r.to },
  });
  const job = { kind, range: r } as Extract<ReportJob, { kind: K }>;
  return reportOffThread(ctx.app.db, job, runtimeInfo(ctx.app).nativeBinding);
}

export const interchangeHandlers: HandlersFor<typeof interchangeContract> = {
  'reports.figures': function reportsFigures(input, ctx) {
    return cachedDashboard(ctx.app, range(ctx, input), getTurnaroundTarget(ctx.app.db));
  },

  'reports.repeatVisitors': function reportsRepeatVisitors(input, ctx) {
    return caseList('repeatVisitors', input, ctx);
  },
  'reports.possibleMatches': function reportsPossibleMatches(input, ctx) {
    return caseList('possibleMatches', input, ctx);
  },

  'reports.decideMatch': function reportsDecideMatch(input, ctx) {
    if (input.keyA === input.keyB)
      throw new ApiError('invalid_input', msg('twoDifferentPeople'), {
        keyB: msg('samePersonKey'),
      });
    ctx.write(
      ['reports'],
      { action: 'reports.decideMatch', entity: 'person_match_decisions' },
      () => decideMatch(ctx.app.db, input.keyA, input.keyB, input.decision, ctx.user.id, ctx.now),
    );
    return null;
  },

  'encounters.exportPage': function encountersExportPage(input, ctx) {
    // Names leave the system: who, why, and how many rows (Settings → Export log).
    if (!input.after)
      ctx.audit({
        action: FULL_EXPORT_ACTION,
        entity: 'encounters',
        detail: { reason: input.reason, rows: exportableEncounterCount(ctx.app.db) },
      });
    return exportPage(ctx.app.db, facilityZone(ctx), input.after);
  },

  'encounters.importBegin': function encountersImportBegin(input, ctx) {
    return {
      uploadId: beginUpload(ctx.app.dataDir, ctx.user.id, input.size, ctx.now),
    };
  },

  'encounters.importAppend': function encountersImportAppend(input, ctx) {
    return {
      received: appendUpload(input.uploadId, ctx.user.id, input.data),
    };
  },

  'encounters.importRun': async function encountersImportRun(input, ctx) {
    const file = completedUpload(input.uploadId, ctx.user.id);
    try {
      const report = await importEncounterCsv(ctx.app, file, {
        mode: input.mode,
        userId: ctx.user.id,
        username: ctx.user.username,
      });
      if (report.imported > 0) discardUpload(input.uploadId);
      return report;
    } catch (err) {
      if (err instanceof ImportFileError) {
        discardUpload(input.uploadId);
        throw new ApiError('invalid_input', err.coded, { file: err.coded });
      }
      throw err;
    }
  },
};
