import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../core/contract';
import { DEIDENTIFIED_COLUMNS } from '../../core/csv/deidentified-csv';
import { CSV_HEADER_LINE } from '../../core/csv/encounter-csv';
import { exportCommand } from '../../server/cli/interchange';
import { UsageError } from '../../server/cli/args';
import { parseRecoveryKey } from '../../server/keys/key-file';
import { setUpBackend, type TestBackend } from '../helpers/backend';
import { keyForFile } from '../helpers/keyed';
import type { UserRow } from '../../db/users';
import { police } from '../helpers/encounters';

let t: TestBackend;
let intake: UserRow;
let manager: UserRow;
let admin: UserRow;

// The shared police drop-off under a name no other text contains, so where it shows up is plain.
const arrival: MethodInput<'encounters.create'> = {
  ...police,
  firstName: 'Zebulon',
  lastName: 'Quartermaine',
};

beforeEach(async () => {
  ({ t, intake, manager, admin } = await setUpBackend());
  t.clock.set(Date.UTC(2026, 2, 8, 17, 15));
  await t.must('encounters.create', arrival, intake);
});
afterEach(() => t.cleanup());

const auditCount = () => t.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;

describe('least-privilege exports', () => {
  it('the full export needs a reason: refused without one, nothing written', async () => {
    const before = auditCount();
    for (const input of [{}, { reason: '' }, { reason: '  ' }, { reason: 'x' }]) {
      const r = await t.call('encounters.exportPage', input, manager);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('invalid_input');
        expect(r.error.fields?.reason).toMatch(/Say why the full export/);
        expect(r.error.message).toMatch(/Say why the full export/);
      }
    }
    expect(auditCount()).toBe(before);
    expect((await t.call('encounters.exportPage', { reason: 'county audit' }, intake)).ok).toBe(
      false,
    );
  });

  it('with a reason it is Encounter CSV v1 exactly, audited with who, why and the row count', async () => {
    const page = await t.must('encounters.exportPage', { reason: 'court order 26-114' }, manager);
    expect(page.csv.startsWith(CSV_HEADER_LINE)).toBe(true);
    expect(page.csv).toContain('Quartermaine');
    const log = await t.must('exports.log', {}, admin);
    expect(log.rows[0]).toMatchObject({
      username: manager.username,
      kind: 'full',
      rows: 1,
      reason: 'court order 26-114',
    });
  });

  it('the de-identified export carries no name, birth date, officer, badge or free text', async () => {
    const page = await t.must('encounters.exportDeidentifiedPage', {}, manager);
    const [header, row] = page.csv.split('\r\n');
    // The columns as README "Protecting the data" gives them to county and funder reporting.
    expect(header).toBe(
      'referral_source,agency,cit_trained,co_responder,probable_cause,diverted_from_arrest,' +
        'age_at_arrival,gender,preferred_language,legal_status,presenting_concerns,' +
        'medical_red_flags,weapons_search_done,arrived_at,officer_released_at,declined_at,' +
        'decline_reason,unit_kind,discharged_at,disposition',
    );
    for (const s of ['Zebulon', 'Quartermaine', '1991', 'Dana Reyes', '4471'])
      expect(page.csv).not.toContain(s);
    const cells = Object.fromEntries(DEIDENTIFIED_COLUMNS.map((c, i) => [c, row!.split(',')[i]]));
    expect(cells.age_at_arrival).toBe('34'); // born 1991-04-12, arrived 2026-03-08
    expect(cells.agency).toBe('Tucson Police Department');
    const log = await t.must('exports.log', {}, admin);
    expect(log.rows[0]).toMatchObject({ kind: 'deidentified', rows: 1, reason: null });
    // The log is for administrators.
    expect((await t.call('exports.log', {}, manager)).ok).toBe(false);
    expect((await t.call('encounters.exportDeidentifiedPage', {}, intake)).ok).toBe(false);
  });

  it('handoff export without --reason is refused before anything is read or written', async () => {
    const dataDir = t.dataDir;
    const before = auditCount();
    t.close();
    const out = { info() {}, error() {} };
    await expect(exportCommand(['--data-dir', dataDir], out)).rejects.toThrow(UsageError);
    await expect(exportCommand(['--data-dir', dataDir, '--reason', ''], out)).rejects.toThrow(
      /Say why the full export/,
    );
    t = Object.assign(
      t,
      (await import('../../server/app')).openBackend({ dataDir, clock: t.clock }),
    );
    expect(auditCount()).toBe(before);
  });
});

describe('recovery key', () => {
  it('is shown once to an administrator, audited, and is the database key', async () => {
    expect(await t.must('protection.status', {}, admin)).toEqual({
      encrypted: true,
      recoveryKeyShownAt: null,
    });
    expect((await t.call('protection.recoveryKey', {}, manager)).ok).toBe(false);
    const { recoveryKey } = await t.must('protection.recoveryKey', {}, admin);
    expect(parseRecoveryKey(recoveryKey).equals(keyForFile(t.db.name))).toBe(true);
    const again = await t.call('protection.recoveryKey', {}, admin);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toMatch(/already shown once/);
    expect((await t.must('protection.status', {}, admin)).recoveryKeyShownAt).toBeGreaterThan(0);
    const audited = t.db
      .prepare("SELECT username FROM audit_log WHERE action = 'protection.recoveryKeyShown'")
      .pluck()
      .all();
    expect(audited).toEqual([admin.username]);
  });
});

describe('retention settings', () => {
  it('off by default; 0, text or a fraction is refused and changes nothing; 6 months is kept', async () => {
    expect(await t.must('retention.settings', {}, admin)).toEqual({ months: null, lastRun: null });
    const before = auditCount();
    for (const months of [0, -1, 1.5, 'six', '6', Number.NaN, 601]) {
      const r = await t.callRaw('retention.updateSettings', { months }, admin);
      expect(r.ok, String(months)).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/at least 1 month/);
    }
    expect(auditCount()).toBe(before);
    expect((await t.call('retention.updateSettings', { months: 6 }, manager)).ok).toBe(false);
    expect((await t.must('retention.updateSettings', { months: 6 }, admin)).months).toBe(6);
    expect((await t.must('retention.settings', {}, admin)).months).toBe(6);
    expect((await t.must('retention.updateSettings', { months: null }, admin)).months).toBeNull();
  });
});
