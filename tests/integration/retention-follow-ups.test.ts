import fs from 'node:fs';
import path from 'node:path';
import { subMonths } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resolveRange } from '../../core/reports/range';
import { getTurnaroundTarget } from '../../db/encounters';
import { getFacility } from '../../db/facility';
import { editIntakeNote, insertIntakeNote, removeIntakeNote } from '../../db/intake-notes';
import { computeFigures } from '../../db/reports';
import { setSetting } from '../../db/settings';
import { DB_FILE_NAME, openBackend, type Backend } from '../../server/app';
import { generateCommand } from '../../server/cli/generate';
import { notesForIntake } from '../../server/follow-ups/person';
import { defaultKeyFile } from '../../server/keys/key-file';
import { runRetention } from '../../server/retention/run';
import { RETENTION_MONTHS_SETTING } from '../../server/retention/settings';
import { AdjustableClock } from '../helpers/adjustable-clock';
import { setUpBackend, tempDir } from '../helpers/backend';
import { addCaseManager } from '../helpers/roles';

const END = '2026-06-30';
const NOW = Date.UTC(2026, 6, 1, 12);
const CUTOFF = subMonths(NOW, 1).getTime();
let work: string;
let dataDir: string;
let b: Backend;

beforeAll(async () => {
  work = tempDir('handoff-retention-fu-');
  dataDir = path.join(work, 'data');
  fs.mkdirSync(dataDir);
  const quiet = { info() {}, error() {} };
  expect(
    await generateCommand(
      [
        '--encounters',
        '3000',
        '--seed',
        '23',
        '--end',
        END,
        '--out',
        path.join(dataDir, DB_FILE_NAME),
      ],
      quiet,
    ),
  ).toBe(0);
  const clock = new AdjustableClock();
  clock.set(NOW);
  b = openBackend({ dataDir, clock });
}, 120_000);
afterAll(() => {
  b?.close();
  fs.rmSync(defaultKeyFile(dataDir), { force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

/** Figures JSON (with the followUp block) for ranges before, across and after the limit. */
function figuresJson(): string[] {
  const zone = getFacility(b.db)!.timeZone;
  return [
    ['2025-07-01', END],
    ['2026-05-01', '2026-05-31'],
    ['2026-05-25', '2026-06-10'],
    ['2026-06-01', END],
    ['2026-06-20', '2026-07-31'],
  ].map(([from, to]) =>
    JSON.stringify(
      computeFigures(b.db, resolveRange(from!, to!, zone), getTurnaroundTarget(b.db)),
      null,
      2,
    ),
  );
}

const ENDED = 'coalesce(e.discharged_at, e.declined_at)';

/** The follow-up feature's identifying values left, for encounters ending before / after the limit. */
function identifying(side: '<' | '>='): {
  phone: number;
  bestTime: number;
  provider: number;
  attemptNote: number;
} {
  const q = (sql: string) => b.db.prepare(sql).pluck().get(CUTOFF) as number;
  return {
    phone: q(
      `SELECT count(p.phone) FROM follow_up_plans p JOIN encounters e ON e.id = p.encounter_id WHERE ${ENDED} ${side} ?`,
    ),
    bestTime: q(
      `SELECT count(p.best_time) FROM follow_up_plans p JOIN encounters e ON e.id = p.encounter_id WHERE ${ENDED} ${side} ?`,
    ),
    provider: q(
      `SELECT count(p.appointment_provider) FROM follow_up_plans p JOIN encounters e ON e.id = p.encounter_id WHERE ${ENDED} ${side} ?`,
    ),
    attemptNote: q(
      `SELECT count(a.note) FROM follow_up_attempts a JOIN encounters e ON e.id = a.encounter_id WHERE ${ENDED} ${side} ?`,
    ),
  };
}

/** What the figures need from the plans of old encounters: must survive retention. */
const kept = () =>
  b.db
    .prepare(
      `SELECT count(p.consent) + count(p.appointment_at) + count(p.appointment_kind) + sum(p.eligible)
         FROM follow_up_plans p JOIN encounters e ON e.id = p.encounter_id WHERE ${ENDED} < ?`,
    )
    .pluck()
    .get(CUTOFF) as number;

const textAnywhere = (t: string) =>
  (b.db
    .prepare(
      `SELECT (SELECT count(*) FROM intake_notes WHERE text LIKE '%' || @t || '%')
            + (SELECT count(*) FROM intake_note_versions WHERE text LIKE '%' || @t || '%')`,
    )
    .pluck()
    .get({ t }) as number) +
  (b.db
    .prepare(`SELECT count(*) FROM follow_up_attempts WHERE note LIKE '%' || ? || '%'`)
    .pluck()
    .get(t) as number);

describe('retention of the follow-up details', () => {
  it('removes phone, best time, provider, attempt notes and a gone person’s intake notes; figures stay byte-identical', () => {
    const db = b.db;
    // Attempts with a note (what the desk types after a call), on both sides of the limit.
    db.prepare(`UPDATE follow_up_attempts SET note = 'Spoke with sister at 555-0' || id`).run();
    const group = (having: string) =>
      db
        .prepare(
          `SELECT person_key FROM encounters e WHERE person_key IS NOT NULL GROUP BY person_key
            HAVING ${having} ORDER BY person_key LIMIT 1`,
        )
        .pluck()
        .get(CUTOFF, CUTOFF) as string;
    // Every visit past the limit (none open), and visits on both sides of the limit.
    const gone = group(`count(${ENDED}) = count(*) AND max(${ENDED}) < ? AND ? > 0`);
    const across = group(`min(${ENDED}) < ? AND max(${ENDED}) >= ?`);
    expect(gone).toBeTruthy();
    expect(across).toBeTruthy();
    const names = db
      .prepare(
        'SELECT first_name, last_name, date_of_birth FROM encounters WHERE person_key = ? LIMIT 1',
      )
      .get(across) as { first_name: string; last_name: string; date_of_birth: string };
    const note = (key: string, text: string) => {
      const id = insertIntakeNote(db, { personKey: key, text: `${text} v1`, userId: 1, now: NOW });
      expect(editIntakeNote(db, { id, version: 1, text: `${text} v2`, userId: 1, now: NOW })).toBe(
        true,
      );
      return id;
    };
    note(gone, 'GONE-NOTE calm with his mother present');
    const removed = note(gone, 'GONE-REMOVED wrong person');
    expect(
      removeIntakeNote(db, { id: removed, version: 2, reason: 'GONE-REASON', userId: 1, now: NOW }),
    ).toBe(true);
    note(across, 'ACROSS-NOTE prefers the recliner by the window');

    setSetting(db, RETENTION_MONTHS_SETTING, 1, NOW);
    const before = figuresJson();
    expect(JSON.parse(before[0]!)).toHaveProperty('followUp');
    const oldBefore = identifying('<');
    const recentBefore = identifying('>=');
    expect(Object.values(oldBefore).every((n) => n > 0)).toBe(true);
    expect(recentBefore.phone + recentBefore.attemptNote).toBeGreaterThan(0);
    const keptBefore = kept();
    const notesBefore = db.prepare('SELECT count(*) FROM intake_note_versions').pluck().get();

    // The dry run changes nothing.
    const dry = runRetention(b, { dryRun: true });
    expect(dry.encounters).toBeGreaterThan(100);
    expect(identifying('<')).toEqual(oldBefore);
    expect(db.prepare('SELECT count(*) FROM intake_note_versions').pluck().get()).toBe(notesBefore);
    expect(figuresJson()).toEqual(before);

    const r = runRetention(b);
    expect(r.encounters).toBe(dry.encounters);
    expect(figuresJson()).toEqual(before);
    // Past the limit: nothing identifying left in the raw tables; the figures' columns stay.
    expect(identifying('<')).toEqual({ phone: 0, bestTime: 0, provider: 0, attemptNote: 0 });
    expect(kept()).toBe(keptBefore);
    // Recent encounters keep theirs.
    expect(identifying('>=')).toEqual(recentBefore);
    // The gone person's notes: current text, removal reason and every version removed.
    expect(textAnywhere('GONE-')).toBe(0);
    expect(
      db
        .prepare("SELECT count(*) FROM intake_notes WHERE removed_reason = 'GONE-REASON'")
        .pluck()
        .get(),
    ).toBe(0);
    // The person with a recent visit keeps both versions, under the hashed key.
    const shown = notesForIntake(db, names.first_name, names.last_name, names.date_of_birth);
    expect(shown.map((n) => n.text)).toEqual(['ACROSS-NOTE prefers the recliner by the window v2']);
    expect(shown[0]!.personKey).toMatch(/^h:/);
    expect(shown[0]!.versions.map((v) => v.text)).toEqual([
      'ACROSS-NOTE prefers the recliner by the window v1',
      'ACROSS-NOTE prefers the recliner by the window v2',
    ]);
    expect(
      db.prepare('SELECT count(*) FROM intake_notes WHERE person_key = ?').pluck().get(across),
    ).toBe(0);
    // The run's audit row counts every step.
    const detail = JSON.parse(
      db
        .prepare("SELECT detail FROM audit_log WHERE action = 'retention.run'")
        .pluck()
        .get() as string,
    ) as { steps: Record<string, number> };
    // Three notes follow their person's hashed key; then the gone person's two are removed.
    expect(detail.steps).toMatchObject({
      'intake notes rekeyed': 3,
      'intake notes removed': 2,
    });
    expect(detail.steps.follow_up_plans).toBeGreaterThan(0);
    expect(detail.steps.follow_up_attempts).toBeGreaterThan(0);
    // Outside retention the versions stay immutable.
    expect(() => db.prepare('DELETE FROM intake_note_versions').run()).toThrow(
      /intake note versions are kept/,
    );
    expect(() => db.prepare("UPDATE intake_note_versions SET text = 'x'").run()).toThrow(
      /intake note versions are kept/,
    );
    // A second run: nothing more, figures still the same.
    expect(runRetention(b).encounters).toBe(0);
    expect(figuresJson()).toEqual(before);
  }, 120_000);
});

describe('retention through the API, as the desk meets it', () => {
  it('a returning person’s intake note still shows at the Handoff screen; a gone person’s is gone', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2026-03-01T12:00:00Z'));
    const { t, admin, manager, intake } = await setUpBackend();
    try {
      const cm = await addCaseManager(t, admin);
      t.clock.set(Date.parse('2026-03-02T15:00:00Z'));
      const visit = (first: string, last: string, dateOfBirth: string) =>
        t.must(
          'encounters.create',
          {
            referralSource: 'walk_in',
            firstName: first,
            lastName: last,
            dateOfBirth,
            accept: true,
          },
          intake,
        );
      const dischargeWithFollowUp = async (id: number) =>
        t.must(
          'encounters.discharge',
          {
            id,
            disposition: 'home_community',
            followUp: {
              consent: 'yes',
              phone: '(505) 555-0134',
              bestTime: 'Evenings',
              appointmentAt: t.clock.now() + 72 * 3_600_000,
              appointmentProvider: 'Mesa Clinic',
              appointmentKind: 'outpatient_mental_health',
            },
          },
          intake,
        );
      const rosa = await visit('Rosa', 'Diaz', '1980-02-03');
      const ana = await visit('Ana', 'Lopez', '1975-09-09');
      await dischargeWithFollowUp(rosa.id);
      await dischargeWithFollowUp(ana.id);
      t.clock.set(t.clock.now() + 25 * 3_600_000);
      for (const c of (await t.must('followUps.list', {}, intake)).due)
        await t.must(
          'followUps.record',
          { contactId: c.id, version: c.version, outcome: 'left_message', note: 'Sister answered' },
          intake,
        );
      for (const [e, text] of [
        [rosa, 'Responds well to female staff'],
        [ana, 'ANA prefers Spanish'],
      ] as const) {
        const person = await t.must('people.get', { encounterId: e.id }, cm);
        await t.must('notes.add', { personKey: person.personKey, text }, cm);
      }
      // Three months later Rosa is back (still in the building); Ana never came back.
      t.clock.set(Date.parse('2026-06-05T10:00:00Z'));
      await visit('Rosa', 'Diaz', '1980-02-03');
      await t.must('retention.updateSettings', { months: 1 }, admin);
      const r = runRetention(t, { username: 'retention' });
      expect(r.encounters).toBe(2);

      const raw = (sql: string) => t.db.prepare(sql).pluck().get();
      expect(
        raw(
          'SELECT count(phone) + count(best_time) + count(appointment_provider) FROM follow_up_plans',
        ),
      ).toBe(0);
      expect(
        raw('SELECT count(appointment_at) + count(appointment_kind) FROM follow_up_plans'),
      ).toBe(4);
      expect(raw('SELECT count(*) FROM follow_up_attempts')).toBeGreaterThan(0);
      expect(raw('SELECT count(note) FROM follow_up_attempts')).toBe(0);
      expect(raw("SELECT count(*) FROM intake_note_versions WHERE text LIKE 'ANA%'")).toBe(0);

      const shown = await t.must(
        'notes.forIntake',
        { firstName: 'rosa', lastName: 'DIAZ', dateOfBirth: '1980-02-03' },
        intake,
      );
      expect(shown.map((n) => n.text)).toEqual(['Responds well to female staff']);
      expect(
        await t.must(
          'notes.forIntake',
          { firstName: 'Ana', lastName: 'Lopez', dateOfBirth: '1975-09-09' },
          intake,
        ),
      ).toEqual([]);
      // The follow-up CSV of the old range has no phone, provider or note left.
      const csv = await t.must(
        'followUps.export',
        { from: '2026-03-01', to: '2026-03-31' },
        manager,
      );
      expect(csv.rows).toBeGreaterThan(0);
      expect(JSON.stringify(csv)).not.toMatch(/Mesa Clinic|Sister answered|5550134|Evenings/);
    } finally {
      t.cleanup();
      vi.useRealTimers();
    }
  });
});

describe('retention waits for an open follow-up call', () => {
  it('keeps the phone of a stay whose call is still due after the cutoff, and removes it once the cutoff passes that call', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2026-03-01T12:00:00Z'));
    const { t, admin, manager, intake } = await setUpBackend();
    try {
      // A center that calls again 30 days (720 h) after a discharge home.
      const policy = await t.must('followUps.policy', {}, manager);
      await t.must(
        'followUps.updatePolicy',
        {
          contacts: { ...policy.contacts, home_community: [24, 720] },
          retryHours: policy.retryHours,
          maxAttempts: policy.maxAttempts,
        },
        manager,
      );
      t.clock.set(Date.parse('2026-03-02T15:00:00Z'));
      const e = await t.must(
        'encounters.create',
        { referralSource: 'walk_in', firstName: 'Lena', lastName: 'Ortiz', accept: true },
        intake,
      );
      await t.must(
        'encounters.discharge',
        {
          id: e.id,
          disposition: 'home_community',
          followUp: { consent: 'yes', phone: '(505) 555-0199' },
        },
        intake,
      );
      await t.must('retention.updateSettings', { months: 1 }, admin);
      const phones = () =>
        t.db.prepare('SELECT count(phone) FROM follow_up_plans').pluck().get() as number;
      // Five weeks on, past the 1-month limit: the 30-day call is still open and due after the
      // cutoff, so the stay keeps its phone number.
      t.clock.set(Date.parse('2026-04-06T10:00:00Z'));
      expect(runRetention(t, { username: 'retention' }).encounters).toBe(0);
      expect(phones()).toBe(1);
      // Once the cutoff has passed that call's due time, the stay is de-identified.
      t.clock.set(Date.parse('2026-05-03T10:00:00Z'));
      expect(runRetention(t, { username: 'retention' }).encounters).toBe(1);
      expect(phones()).toBe(0);
    } finally {
      t.cleanup();
      vi.useRealTimers();
    }
  });
});
