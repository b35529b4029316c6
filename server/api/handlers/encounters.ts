import { randomBytes } from 'node:crypto';
import type { encountersContract } from '../../../core/contract/encounters';
import { isLapseDue, transition, type EncounterAction } from '../../../core/encounters/lifecycle';
import { turnaroundMinutes } from '../../../core/encounters/turnaround';
import type { EncounterView, WaitingOfficer } from '../../../core/encounters/types';
import { ApiError } from '../../../core/result';
import { msg } from '../../../core/messages';
import { fieldRuleErrors, timeRuleErrors } from '../../../core/schemas/encounters';
import { isPoliceSource, type EncounterStatus } from '../../../core/vocab';
import {
  getEncounterRow,
  getTurnaroundTarget,
  insertEncounter,
  insertEncounterEvent,
  listActiveEncounters,
  listAgencies,
  listEncounterEvents,
  nextReference,
  recentOfficers,
  searchEncounters,
  setTurnaroundTarget,
  toEncounterView,
  toSummary,
  touchAgency,
  updateEncounter,
  type EncounterRow,
  type EncounterValues,
} from '../../../db/encounters';
import { getFacility } from '../../../db/facility';
import {
  findKioskByCodeHash,
  findKioskByUser,
  getKiosk,
  insertKiosk,
  listKiosks,
  markKioskUsed,
  revokeKiosk,
  toKioskView,
} from '../../../db/kiosks';
import { deleteUserSessions } from '../../../db/sessions';
import { findUserById, insertUser, updateUserFields } from '../../../db/users';
import { hashPassword } from '../../auth/passwords';
import type { AuditSpec, HandlerCtx } from '../../context';
import { noteCapacityChange } from '../../capacity/state';
import {
  assignEncounterBed,
  occupyReservation,
  releaseBed,
  reserveFirstOfKind,
} from '../../encounters/bed-link';
import { hashKioskCode, newKioskCode } from '../../encounters/kiosk-codes';
import { facilityTimeZone, startOfDayIn, startOfNextDayIn, yearIn } from '../../encounters/time';
import type { HandlersFor } from '../types';
import { recordDischargeFollowUp } from '../../follow-ups/service';
import { sessionInfo } from './auth';

/** Boards, the bed board and the dispatch snapshot all listen to this topic. */
const TOPICS = ['encounters', 'capacity'] as const;
const TOPICS_WITH_BEDS = ['encounters', 'beds', 'capacity'] as const;
const SUGGESTION_WINDOW_MS = 90 * 24 * 60 * 60 * 1000;

/**
 * ctx.write plus the dispatch figures: officers waiting changes with arrivals, acceptances and
 * declines, so capacity is refreshed in the same transaction (it writes only when a figure moved;
 * a bed step in the same write widens the refresh to every figure).
 */
function write<T>(
  ctx: HandlerCtx,
  topics: readonly string[],
  audit: AuditSpec | ((result: T) => AuditSpec),
  fn: () => T,
): T {
  return ctx.write(topics, audit, () => {
    const result = fn();
    noteCapacityChange(ctx.app.db, ctx.now, ctx.caller.user?.id ?? null, 'officers');
    return result;
  });
}

function invalid(fields: Record<string, string>): never {
  // Our messages already name the field in words ("Arrival cannot be…"): no code-name prefix.
  const message = Object.values(fields)[0]!;
  throw new ApiError('invalid_input', message, fields);
}

function checkRules(fields: Record<string, string>): void {
  if (Object.keys(fields).length > 0) invalid(fields);
}

function requireRow(ctx: HandlerCtx, id: number): EncounterRow {
  const row = getEncounterRow(ctx.app.db, id);
  if (!row)
    throw new ApiError('not_found', msg('encounterNotFound', { id }), {
      id: msg('unknownEncounter'),
    });
  return row;
}

/** Refuses a step the lifecycle does not allow (e.g. accepting twice), naming the status. */
function step(row: EncounterRow, action: EncounterAction): EncounterStatus {
  const t = transition(row.status, action);
  if (!t.ok) throw new ApiError('conflict', t.message, { status: t.message });
  return t.status;
}

const view = (row: EncounterRow): EncounterView => toEncounterView(row);

const initials = (r: EncounterRow): string | null =>
  r.first_name || r.last_name
    ? `${r.first_name?.trim()[0] ?? '?'}${r.last_name?.trim()[0] ?? '?'}`.toUpperCase()
    : null;

/**
 * Marks pre-arrival calls lapsed 30 min after their ETA (done lazily when the board reads), from
 * the active rows the board has just read. True when any lapsed: the caller reads again.
 */
function lapseDue(ctx: HandlerCtx, active: readonly EncounterRow[]): boolean {
  const due = active.filter(
    (r) =>
      r.status === 'expected' && r.expected_eta !== null && isLapseDue(r.expected_eta, ctx.now),
  );
  if (due.length === 0) return false;
  write(
    ctx,
    TOPICS_WITH_BEDS,
    { action: 'encounters.lapse', entity: 'encounters', detail: { ids: due.map((r) => r.id) } },
    () => {
      for (const r of due) {
        const fresh = getEncounterRow(ctx.app.db, r.id)!;
        if (fresh.status !== 'expected') continue;
        releaseBed(ctx.app.db, fresh, null, ctx.now, 'expected arrival lapsed');
        updateEncounter(ctx.app.db, r.id, { status: 'lapsed' }, ctx.now);
        insertEncounterEvent(ctx.app.db, {
          encounterId: r.id,
          at: ctx.now,
          userId: null,
          kind: 'lapsed',
          detail: { eta: r.expected_eta },
        });
      }
    },
  );
  return true;
}

/** Fields that, changed after the fact, need a reason whatever the status. */
const TIME_FIELDS = new Set(['arrivedAt', 'officerReleasedAt', 'dischargedAt']);
const CLOSED: readonly EncounterStatus[] = ['discharged', 'declined', 'lapsed'];

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export const encountersHandlers: HandlersFor<typeof encountersContract> = {
  'encounters.create': (input, ctx) => {
    const { accept, arrivedAt: typedArrival, ...fields } = input;
    const arrivedAt = typedArrival ?? ctx.now;
    // Accepting at once: custody is assumed now (never before the typed arrival).
    const releasedAt = accept ? Math.max(ctx.now, arrivedAt) : null;
    checkRules(
      timeRuleErrors(
        { arrivedAt, officerReleasedAt: releasedAt, dateOfBirth: fields.dateOfBirth },
        ctx.now,
      ),
    );
    const { db } = ctx.app;
    const row = write(
      ctx,
      TOPICS,
      (r: EncounterRow) => ({
        action: 'encounters.create',
        entity: 'encounters',
        entityId: r.id,
        detail: { status: r.status },
      }),
      () => {
        const created = insertEncounter(db, {
          reference: nextReference(db, yearIn(arrivedAt, facilityTimeZone(db))),
          status: accept ? 'accepted' : 'arrived',
          values: { ...fields, arrivedAt, officerReleasedAt: releasedAt },
          createdBy: ctx.user.id,
          now: ctx.now,
        });
        insertEncounterEvent(db, {
          encounterId: created.id,
          at: arrivedAt,
          userId: ctx.user.id,
          kind: 'arrived',
          detail: { referralSource: fields.referralSource },
        });
        if (releasedAt !== null)
          insertEncounterEvent(db, {
            encounterId: created.id,
            at: releasedAt,
            userId: ctx.user.id,
            kind: 'accepted',
            detail: null,
          });
        if (fields.agency) touchAgency(db, fields.agency, ctx.now);
        return created;
      },
    );
    return view(row);
  },

  'encounters.expect': (input, ctx) => {
    const { db } = ctx.app;
    const { unitKind, eta, ...fields } = input;
    const row = write(
      ctx,
      TOPICS_WITH_BEDS,
      (r: EncounterRow) => ({ action: 'encounters.expect', entity: 'encounters', entityId: r.id }),
      () => {
        const created = insertEncounter(db, {
          reference: nextReference(db, yearIn(eta, facilityTimeZone(db))),
          status: 'expected',
          values: { ...fields, expectedEta: eta },
          createdBy: ctx.user.id,
          now: ctx.now,
        });
        if (unitKind) reserveFirstOfKind(db, created.id, unitKind, ctx.user.id, ctx.now);
        insertEncounterEvent(db, {
          encounterId: created.id,
          at: ctx.now,
          userId: ctx.user.id,
          kind: 'expected',
          detail: { eta, unitKind: unitKind ?? null },
        });
        if (fields.agency) touchAgency(db, fields.agency, ctx.now);
        return created;
      },
    );
    return view(row);
  },

  'encounters.arrive': (input, ctx) => {
    const arrivedAt = input.arrivedAt ?? ctx.now;
    checkRules(timeRuleErrors({ arrivedAt }, ctx.now));
    const row = write(
      ctx,
      TOPICS_WITH_BEDS,
      { action: 'encounters.arrive', entity: 'encounters', entityId: input.id },
      () => {
        const current = requireRow(ctx, input.id);
        const status = step(current, 'arrive');
        let updated = updateEncounter(ctx.app.db, current.id, { status, arrivedAt }, ctx.now);
        occupyReservation(ctx.app.db, updated, ctx.user.id, ctx.now);
        updated = getEncounterRow(ctx.app.db, current.id)!;
        insertEncounterEvent(ctx.app.db, {
          encounterId: current.id,
          at: arrivedAt,
          userId: ctx.user.id,
          kind: 'arrived',
          detail: null,
        });
        return updated;
      },
    );
    return view(row);
  },

  'encounters.accept': (input, ctx) => {
    const row = write(
      ctx,
      TOPICS,
      { action: 'encounters.accept', entity: 'encounters', entityId: input.id },
      () => {
        const current = requireRow(ctx, input.id);
        const status = step(current, 'accept');
        const releasedAt = input.releasedAt ?? ctx.now;
        const errors = timeRuleErrors(
          { arrivedAt: current.arrived_at, officerReleasedAt: releasedAt },
          ctx.now,
        );
        if (errors.officerReleasedAt) invalid({ releasedAt: errors.officerReleasedAt });
        const updated = updateEncounter(
          ctx.app.db,
          current.id,
          { status, officerReleasedAt: releasedAt },
          ctx.now,
        );
        insertEncounterEvent(ctx.app.db, {
          encounterId: current.id,
          at: releasedAt,
          userId: ctx.user.id,
          kind: 'accepted',
          detail: null,
        });
        return updated;
      },
    );
    return view(row);
  },

  'encounters.decline': (input, ctx) => {
    const row = write(
      ctx,
      TOPICS_WITH_BEDS,
      {
        action: 'encounters.decline',
        entity: 'encounters',
        entityId: input.id,
        detail: { reason: input.reason },
      },
      () => {
        const current = requireRow(ctx, input.id);
        const status = step(current, 'decline');
        releaseBed(ctx.app.db, current, ctx.user.id, ctx.now, 'declined');
        const updated = updateEncounter(
          ctx.app.db,
          current.id,
          {
            status,
            declinedAt: Math.max(ctx.now, current.arrived_at ?? 0),
            declineReason: input.reason,
          },
          ctx.now,
        );
        insertEncounterEvent(ctx.app.db, {
          encounterId: current.id,
          at: ctx.now,
          userId: ctx.user.id,
          kind: 'declined',
          detail: { reason: input.reason, note: input.note },
        });
        return updated;
      },
    );
    return view(row);
  },

  'encounters.discharge': (input, ctx) => {
    const row = write(
      ctx,
      TOPICS_WITH_BEDS,
      {
        action: 'encounters.discharge',
        entity: 'encounters',
        entityId: input.id,
        detail: { disposition: input.disposition },
      },
      () => {
        const current = requireRow(ctx, input.id);
        const status = step(current, 'discharge');
        const dischargedAt = input.dischargedAt ?? ctx.now;
        checkRules(timeRuleErrors({ arrivedAt: current.arrived_at, dischargedAt }, ctx.now));
        // The bed goes to cleaning (beds service); the encounter keeps the label it held last.
        releaseBed(ctx.app.db, current, ctx.user.id, ctx.now, 'discharged');
        const updated = updateEncounter(
          ctx.app.db,
          current.id,
          { status, dischargedAt, disposition: input.disposition },
          ctx.now,
        );
        recordDischargeFollowUp(ctx.app.db, updated, input.followUp, ctx.user.id, ctx.now);
        insertEncounterEvent(ctx.app.db, {
          encounterId: current.id,
          at: dischargedAt,
          userId: ctx.user.id,
          kind: 'discharged',
          detail: { disposition: input.disposition, bedLabel: current.bed_label },
        });
        return updated;
      },
    );
    return view(row);
  },

  'encounters.assignBed': (input, ctx) => {
    const row = write(
      ctx,
      TOPICS_WITH_BEDS,
      {
        action: 'encounters.assignBed',
        entity: 'encounters',
        entityId: input.id,
        detail: { bedId: input.bedId },
      },
      () =>
        assignEncounterBed(ctx.app.db, {
          encounterId: input.id,
          bedId: input.bedId,
          userId: ctx.user.id,
          now: ctx.now,
        }),
    );
    return view(row);
  },

  'encounters.update': (input, ctx) => {
    const row = write(
      ctx,
      TOPICS,
      (r: EncounterRow & { changed?: string[] }) => ({
        action: 'encounters.update',
        entity: 'encounters',
        entityId: r.id,
        detail: { fields: r.changed ?? [] },
      }),
      () => {
        const current = requireRow(ctx, input.id);
        step(current, 'correct');
        const before = view(current) as unknown as Record<string, unknown>;
        const changes: EncounterValues = {};
        const history: Record<string, { from: unknown; to: unknown }> = {};
        for (const [field, to] of Object.entries(input.changes)) {
          if (to === undefined) continue;
          const from = before[field] ?? null;
          const normalized = Array.isArray(to) ? [...new Set(to)] : to;
          if (same(from, normalized)) continue;
          (changes as Record<string, unknown>)[field] = normalized;
          history[field] = { from, to: normalized };
        }
        const changed = Object.keys(changes);
        if (changed.length === 0) return current;

        const afterTheFact =
          CLOSED.includes(current.status) || changed.some((f) => TIME_FIELDS.has(f));
        if (afterTheFact && !input.reason)
          invalid({ reason: 'A reason is required to change this after the fact' });
        const merged = { ...before, ...changes } as unknown as EncounterView;
        const errors: Record<string, string> = {
          ...fieldRuleErrors(merged),
          ...timeRuleErrors(merged, ctx.now),
        };
        if (changes.dischargedAt !== undefined || changes.disposition !== undefined) {
          if (current.status !== 'discharged')
            errors.dischargedAt = 'Only a discharged encounter has a discharge to correct';
        }
        if (changes.declineReason !== undefined && current.status !== 'declined')
          errors.declineReason = 'Only a declined encounter has a decline reason';
        if (changes.officerReleasedAt !== undefined && current.officer_released_at === null)
          errors.officerReleasedAt = 'Accept the handoff first';
        // Report only errors this change causes (older data may predate a rule). A time error
        // on an untouched field (release now before a moved arrival) lands on the moved field.
        const changedTime = changed.find((f) => TIME_FIELDS.has(f));
        const relevant: Record<string, string> = {};
        for (const [f, message] of Object.entries(errors)) {
          if (f in changes || (f === 'agency' && 'referralSource' in changes))
            relevant[f] = message;
          else if (TIME_FIELDS.has(f) && changedTime && !(changedTime in relevant))
            relevant[changedTime] = message;
        }
        checkRules(relevant);
        const updated = updateEncounter(ctx.app.db, current.id, changes, ctx.now);
        if (typeof changes.agency === 'string') touchAgency(ctx.app.db, changes.agency, ctx.now);
        insertEncounterEvent(ctx.app.db, {
          encounterId: current.id,
          at: ctx.now,
          userId: ctx.user.id,
          kind: afterTheFact ? 'corrected' : 'updated',
          detail: { reason: input.reason, changes: history },
        });
        return Object.assign(updated, { changed });
      },
    );
    const { changed: _changed, ...plain } = row as EncounterRow & { changed?: string[] };
    return view(plain);
  },

  'encounters.get': (input, ctx) => {
    const row = requireRow(ctx, input.id);
    // Every view of a person's record is audited (HIPAA 164.312(b)).
    ctx.audit({ action: 'encounters.view', entity: 'encounters', entityId: row.id });
    return {
      encounter: view(row),
      events: listEncounterEvents(ctx.app.db, row.id),
      now: ctx.now,
      targetMinutes: getTurnaroundTarget(ctx.app.db),
    };
  },

  'encounters.search': (input, ctx) => {
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
  },

  'encounters.active': (_input, ctx) => {
    let rows = listActiveEncounters(ctx.app.db);
    if (lapseDue(ctx, rows)) rows = listActiveEncounters(ctx.app.db);
    const kioskUsers = new Set(
      (ctx.app.db.prepare('SELECT user_id FROM kiosk_devices').all() as { user_id: number }[]).map(
        (r) => r.user_id,
      ),
    );
    const waiting: WaitingOfficer[] = rows
      .filter(
        (r) =>
          r.status === 'arrived' &&
          isPoliceSource(r.referral_source) &&
          r.officer_released_at === null &&
          r.arrived_at !== null,
      )
      .map((r) => ({
        id: r.id,
        reference: r.reference,
        referralSource: r.referral_source as WaitingOfficer['referralSource'],
        agency: r.agency,
        officerName: r.officer_name,
        badgeNumber: r.badge_number,
        arrivedAt: r.arrived_at!,
        initials: initials(r),
        fromKiosk: r.created_by !== null && kioskUsers.has(r.created_by),
      }));
    const waitingIds = new Set(waiting.map((w) => w.id));
    return {
      now: ctx.now,
      targetMinutes: getTurnaroundTarget(ctx.app.db),
      waiting,
      expected: rows.filter((r) => r.status === 'expected').map(toSummary),
      inHouse: rows.filter((r) => r.status !== 'expected' && !waitingIds.has(r.id)).map(toSummary),
    };
  },

  'encounters.suggestions': (_input, ctx) => ({
    agencies: listAgencies(ctx.app.db),
    officers: recentOfficers(ctx.app.db, ctx.now - SUGGESTION_WINDOW_MS),
  }),

  'encounters.receipt': (input, ctx) => {
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
  },

  'turnaround.settings': (_input, ctx) => ({ targetMinutes: getTurnaroundTarget(ctx.app.db) }),

  'turnaround.updateSettings': (input, ctx) =>
    write(
      ctx,
      ['encounters', 'settings'],
      {
        action: 'turnaround.updateSettings',
        entity: 'settings',
        detail: { targetMinutes: input.targetMinutes },
      },
      () => {
        setTurnaroundTarget(ctx.app.db, input.targetMinutes, ctx.now);
        return { targetMinutes: input.targetMinutes };
      },
    ),

  'kiosk.list': (_input, ctx) => listKiosks(ctx.app.db),

  'kiosk.issue': async (input, ctx) => {
    const code = newKioskCode();
    // The kiosk user never signs in with a password (auth.signIn refuses kiosk rows).
    const passwordHash = await hashPassword(randomBytes(24).toString('base64url'));
    const row = write(
      ctx,
      ['kiosks'],
      (k: { id: number }) => ({ action: 'kiosk.issue', entity: 'kiosk_devices', entityId: k.id }),
      () => {
        const user = insertUser(
          ctx.app.db,
          {
            username: `kiosk-${randomBytes(6).toString('hex')}`,
            displayName: `Kiosk: ${input.name}`,
            role: 'kiosk',
            passwordHash,
          },
          ctx.now,
        );
        return insertKiosk(ctx.app.db, {
          userId: user.id,
          name: input.name,
          codeHash: hashKioskCode(code),
          createdBy: ctx.user.id,
          now: ctx.now,
        });
      },
    );
    return { device: toKioskView(row), code };
  },

  'kiosk.revoke': (input, ctx) => {
    const row = write(
      ctx,
      ['kiosks'],
      { action: 'kiosk.revoke', entity: 'kiosk_devices', entityId: input.id },
      () => {
        const kiosk = getKiosk(ctx.app.db, input.id);
        if (!kiosk)
          throw new ApiError('not_found', msg('kioskNotFound', { id: input.id }), {
            id: msg('unknownKiosk'),
          });
        revokeKiosk(ctx.app.db, kiosk.id, ctx.now);
        // Disabling the kiosk user ends its sessions at once (resolveSession refuses it).
        updateUserFields(ctx.app.db, kiosk.user_id, { disabled: true }, ctx.now);
        deleteUserSessions(ctx.app.db, kiosk.user_id);
        return getKiosk(ctx.app.db, kiosk.id)!;
      },
    );
    return toKioskView(row);
  },

  'kiosk.pair': (input, ctx) => {
    const kiosk = findKioskByCodeHash(ctx.app.db, hashKioskCode(input.code));
    const user = kiosk ? findUserById(ctx.app.db, kiosk.user_id) : undefined;
    if (!kiosk || kiosk.revoked_at !== null || !user || user.disabled) {
      ctx.audit({ action: 'kiosk.pair.failed' });
      throw new ApiError('unauthenticated', msg('kioskCodeUnknown'), {
        code: msg('kioskCodeUnknownField'),
      });
    }
    ctx.app.db.transaction(() => {
      markKioskUsed(ctx.app.db, kiosk.id, ctx.now);
      ctx.audit({ action: 'kiosk.pair', entity: 'kiosk_devices', entityId: kiosk.id });
    })();
    ctx.caller.startSession(user.id);
    return sessionInfo(ctx.app, user);
  },

  'kiosk.checkIn': (input, ctx) => {
    const kiosk = findKioskByUser(ctx.app.db, ctx.user.id);
    if (!kiosk || kiosk.revoked_at !== null) throw new ApiError('forbidden', msg('kioskRevoked'));
    const { db } = ctx.app;
    const row = write(
      ctx,
      TOPICS,
      (r: EncounterRow) => ({
        action: 'kiosk.checkIn',
        entity: 'encounters',
        entityId: r.id,
        detail: { kiosk: kiosk.id },
      }),
      () => {
        const created = insertEncounter(db, {
          reference: nextReference(db, yearIn(ctx.now, facilityTimeZone(db))),
          status: 'arrived',
          values: { referralSource: 'law_enforcement', ...input, arrivedAt: ctx.now },
          createdBy: ctx.user.id,
          now: ctx.now,
        });
        insertEncounterEvent(db, {
          encounterId: created.id,
          at: ctx.now,
          userId: ctx.user.id,
          kind: 'arrived',
          detail: { referralSource: 'law_enforcement', via: 'kiosk', kiosk: kiosk.name },
        });
        touchAgency(db, input.agency, ctx.now);
        markKioskUsed(db, kiosk.id, ctx.now);
        return created;
      },
    );
    return { reference: row.reference, arrivedAt: row.arrived_at! };
  },
};
