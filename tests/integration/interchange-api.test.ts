import fs from 'node:fs';
import { openFile } from '../helpers/keyed';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestBackend } from '../helpers/backend';
import { setUpBackend } from '../helpers/backend';
import { csvText } from '../helpers/encounter-csv';
import type { UserRow } from '../../db/users';

let t: TestBackend;
let manager: UserRow;
let intake: UserRow;
beforeEach(async () => {
  ({ t, manager, intake } = await setUpBackend());
  t.clock.set(Date.parse('2026-06-15T12:00:00Z'));
});
afterEach(() => t.cleanup());

const row = (i: number) => ({
  referral_source: 'walk_in',
  arrived_at: `2026-06-01T10:${String(i % 60).padStart(2, '0')}:00-07:00`,
  notes: i === 3 ? 'needs, "quotes"' : '',
});

/** Uploads a file the way the Settings screen does: announced size, then pieces. */
async function upload(bytes: Buffer, as = manager, piece = 1000) {
  const { uploadId } = await t.must(
    'encounters.importBegin',
    { name: 'x.csv', size: bytes.length },
    as,
  );
  for (let o = 0; o < bytes.length; o += piece) {
    await t.must(
      'encounters.importAppend',
      { uploadId, data: bytes.subarray(o, o + piece).toString('base64') },
      as,
    );
  }
  return uploadId;
}

describe('import and export through the API (the Settings section and the export button)', () => {
  it('dry run, then import, of a file sent in pieces; the export pages join into the CSV', async () => {
    const bytes = Buffer.from(csvText(Array.from({ length: 25 }, (_, i) => row(i))));
    const id = await upload(bytes);
    const dry = await t.must('encounters.importRun', { uploadId: id, mode: 'dry_run' }, manager);
    expect(dry).toMatchObject({ rows: 25, validRows: 25, imported: 0 });
    const done = await t.must(
      'encounters.importRun',
      { uploadId: id, mode: 'all_or_nothing' },
      manager,
    );
    expect(done.imported).toBe(25);
    // The upload is gone once imported.
    const again = await t.call('encounters.importRun', { uploadId: id, mode: 'dry_run' }, manager);
    expect(again.ok ? null : again.error.code).toBe('not_found');
    expect(fs.readdirSync(path.join(t.dataDir, 'imports'))).toEqual([]);

    const first = await t.must('encounters.exportPage', { reason: 'county audit' }, manager);
    expect(first.rows).toBe(25);
    expect(first.next).toBeNull();
    expect(first.csv.startsWith('reference,referral_source,agency,')).toBe(true);
    expect(first.csv).toContain(',"needs, ""quotes"""\r\n');
  });

  it('a malformed file: the message names the problem, nothing imported', async () => {
    const id = await upload(Buffer.from('name,age\r\nAna,3\r\n'));
    const r = await t.call(
      'encounters.importRun',
      { uploadId: id, mode: 'all_or_nothing' },
      manager,
    );
    expect(r.ok ? null : r.error).toMatchObject({ code: 'invalid_input' });
    expect(r.ok ? '' : r.error.message).toMatch(/not the encounter CSV v1 header/);
    expect(t.db.prepare('SELECT count(*) FROM encounters').pluck().get()).toBe(0);
  });

  it('refuses a huge announced size, an incomplete upload, and other users', async () => {
    const big = await t.call(
      'encounters.importBegin',
      { name: 'x.csv', size: 2 * 1024 ** 3 },
      manager,
    );
    expect(big.ok ? '' : big.error.message).toMatch(/2\.0 GB/);
    const { uploadId } = await t.must(
      'encounters.importBegin',
      { name: 'x.csv', size: 100 },
      manager,
    );
    const early = await t.call('encounters.importRun', { uploadId, mode: 'dry_run' }, manager);
    expect(early.ok ? '' : early.error.message).toMatch(/incomplete \(0 of 100 bytes\)/);
    const forbidden = await t.call('encounters.importBegin', { name: 'x.csv', size: 10 }, intake);
    expect(forbidden.ok ? null : forbidden.error.code).toBe('forbidden');
    expect((await t.call('encounters.exportPage', { reason: 'county audit' }, intake)).ok).toBe(
      false,
    );
  });

  it('pages the export by arrival then reference', async () => {
    const id = await upload(Buffer.from(csvText(Array.from({ length: 12 }, (_, i) => row(i)))));
    await t.must('encounters.importRun', { uploadId: id, mode: 'all_or_nothing' }, manager);
    const { exportPage } = await import('../../server/interchange/export');
    const p1 = exportPage(t.db, 'America/Phoenix', null, 5);
    const p2 = exportPage(t.db, 'America/Phoenix', p1.next, 5);
    const p3 = exportPage(t.db, 'America/Phoenix', p2.next, 5);
    expect([p1.rows, p2.rows, p3.rows, p3.next]).toEqual([5, 5, 2, null]);
    const whole = exportPage(t.db, 'America/Phoenix', null, 100).csv;
    expect(p1.csv + p2.csv + p3.csv).toBe(whole);
  });
});

describe('the figures follow every write, by this backend or by another process', () => {
  it('recomputes after an import here and after a commit on another connection', async () => {
    const range = { from: '2026-06-01', to: '2026-06-01' };
    expect((await t.must('reports.figures', range, manager)).figures.encounters).toBe(0);
    const id = await upload(Buffer.from(csvText([row(1), row(2)])));
    await t.must('encounters.importRun', { uploadId: id, mode: 'all_or_nothing' }, manager);
    expect((await t.must('reports.figures', range, manager)).figures.encounters).toBe(2);

    const other = openFile(path.join(t.dataDir, 'handoff.db'));
    other
      .prepare(
        `INSERT INTO encounters (reference, status, referral_source, arrived_at, created_at, updated_at)
         VALUES ('X-1', 'arrived', 'walk_in', ?, 0, 0)`,
      )
      .run(Date.parse('2026-06-01T18:00:00Z'));
    other.close();
    expect((await t.must('reports.figures', range, manager)).figures.encounters).toBe(3);
  });
});
