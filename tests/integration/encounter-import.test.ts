import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../core/csv/encounter-csv';
import { importEncounterCsv, type ImportMode } from '../../server/interchange/import';
import type { TestBackend } from '../helpers/backend';
import { csvText, importBackend, writeTemp, type CsvRowSpec } from '../helpers/encounter-csv';
import type { UserRow } from '../../db/users';
import { auditCount } from '../helpers/roles';

let t: TestBackend;
let admin: UserRow;
beforeEach(async () => {
  ({ t, admin } = await importBackend());
});
afterEach(() => t.cleanup());

const ok: CsvRowSpec = {
  referral_source: 'law_enforcement',
  agency: 'Tucson PD',
  arrived_at: '2026-06-01T10:00:00-07:00',
  officer_released_at: '2026-06-01T10:07:00-07:00',
};
const count = () => t.db.prepare('SELECT count(*) FROM encounters').pluck().get() as number;
const run = (content: string | Buffer, mode: ImportMode = 'all_or_nothing') =>
  importEncounterCsv(t, writeTemp(content), { mode, userId: admin.id, username: admin.username });
const refused = async (content: string | Buffer) => {
  await expect(run(content)).rejects.toThrow();
  expect(count()).toBe(0);
  return run(content).catch((e: Error) => e.message);
};

describe('import: each kind of malformed row is named by line, column and reason', () => {
  const cases: [string, CsvRowSpec, string, RegExp][] = [
    [
      'unknown enumeration value',
      { referral_source: 'police' },
      'referral_source',
      /unknown value "police"/,
    ],
    [
      'unknown presenting concern',
      { presenting_concerns: 'psychosis;sadness' },
      'presenting_concerns',
      /unknown value "sadness"/,
    ],
    ['bad time', { arrived_at: '2026-06-01 10:00' }, 'arrived_at', /not a time with an offset/],
    ['impossible time', { arrived_at: '2026-02-30T10:00:00-07:00' }, 'arrived_at', /not a time/],
    [
      'release before arrival',
      { officer_released_at: '2026-06-01T09:59:00-07:00' },
      'officer_released_at',
      /release before arrival/,
    ],
    [
      'discharge before arrival',
      { unit_kind: 'chair', discharged_at: '2026-05-31T10:00:00-07:00', disposition: 'shelter' },
      'discharged_at',
      /discharge before arrival/,
    ],
    [
      'arrival in the future',
      { arrived_at: '2026-06-15T05:10:00-07:00', officer_released_at: '' },
      'arrived_at',
      /more than 5 minutes in the future/,
    ],
    ['bad boolean', { cit_trained: 'yes' }, 'cit_trained', /"yes" is not true or false/],
    ['bad date of birth', { date_of_birth: '1980-02-30' }, 'date_of_birth', /not a date/],
    [
      'date of birth in the future',
      { date_of_birth: '2027-01-01' },
      'date_of_birth',
      /in the future/,
    ],
    ['age out of range', { estimated_age: '150' }, 'estimated_age', /not an age/],
    ['police drop-off without agency', { agency: '' }, 'agency', /required for a police drop-off/],
    [
      'declined without a reason',
      { officer_released_at: '', declined_at: '2026-06-01T10:05:00-07:00' },
      'decline_reason',
      /required/,
    ],
    [
      'discharged without disposition',
      { unit_kind: 'chair', discharged_at: '2026-06-01T20:00:00-07:00' },
      'disposition',
      /required/,
    ],
    ['missing arrival', { arrived_at: '', officer_released_at: '' }, 'arrived_at', /required/],
    ['missing referral source', { referral_source: '' }, 'referral_source', /required/],
  ];
  for (const [name, change, column, reason] of cases) {
    it(name, async () => {
      const report = await run(csvText([ok, { ...ok, ...change }, ok]));
      expect(report.imported).toBe(0);
      expect(report.invalidRows).toBe(1);
      expect(report.errors[0]).toMatchObject({ line: 3, column });
      expect(report.errors[0]!.reason).toMatch(reason);
      expect(count()).toBe(0);
    });
  }

  it('a row with the wrong number of cells', async () => {
    const text = `${csvText([ok])}a,b,c\r\n`;
    const report = await run(text);
    expect(report.errors).toEqual([
      { line: 3, column: null, reason: 'has 3 cells; the header has 28' },
    ]);
  });

  it('duplicate references: within the file and against the database', async () => {
    await run(csvText([{ ...ok, reference: 'H-2026-00007' }]));
    const report = await run(
      csvText([
        { ...ok, reference: 'X-1' },
        { ...ok, reference: 'X-1' },
        { ...ok, reference: 'H-2026-00007' },
      ]),
    );
    expect(report.errors).toEqual([
      { line: 3, column: 'reference', reason: 'duplicate reference X-1 (also on line 2)' },
      {
        line: 4,
        column: 'reference',
        reason: 'duplicate reference: H-2026-00007 is already in the database',
      },
    ]);
    expect(count()).toBe(1);
  });

  it('line numbers count the line breaks inside quoted cells', async () => {
    const report = await run(
      csvText([
        { ...ok, notes: 'line one\nline two, "quoted"' },
        { ...ok, cit_trained: 'maybe' },
      ]),
    );
    expect(report.errors[0]).toMatchObject({ line: 4, column: 'cit_trained' });
  });
});

describe('import: dry run, all or nothing, valid rows only', () => {
  const mixed = csvText([
    ok,
    { ...ok, referral_source: 'police' },
    { ...ok, reference: 'H-2026-00500' },
  ]);

  it('a dry run reports and changes nothing', async () => {
    const report = await run(mixed, 'dry_run');
    expect(report).toMatchObject({ rows: 3, validRows: 2, invalidRows: 1, imported: 0 });
    expect(count()).toBe(0);
    expect(auditCount(t.db, 'encounters.import')).toBe(0);
  });

  it('with a bad row nothing is imported; "valid rows only" imports the rest in one go', async () => {
    expect((await run(mixed)).imported).toBe(0);
    expect(count()).toBe(0);
    const report = await run(mixed, 'valid_only');
    expect(report.imported).toBe(2);
    const rows = t.db.prepare('SELECT reference, status, bed_id FROM encounters ORDER BY id').all();
    // An empty reference is numbered after the highest of its year (here the file's own 00500).
    expect(rows).toEqual([
      { reference: 'H-2026-00501', status: 'accepted', bed_id: null },
      { reference: 'H-2026-00500', status: 'accepted', bed_id: null },
    ]);
    expect(
      t.db.prepare(`SELECT count(*) FROM encounter_events WHERE kind = 'imported'`).pluck().get(),
    ).toBe(2);
    expect(
      t.db.prepare(`SELECT detail FROM audit_log WHERE action = 'encounters.import'`).pluck().get(),
    ).toBe(JSON.stringify({ rows: 3, imported: 2, skipped: 1, mode: 'valid_only' }));
  });

  it('statuses follow from the times; references continue the year in the database', async () => {
    await run(
      csvText([
        {
          ...ok,
          reference: 'H-2025-00041',
          arrived_at: '2025-12-31T23:00:00-07:00',
          officer_released_at: '',
        },
      ]),
    );
    await run(
      csvText([
        {
          ...ok,
          officer_released_at: '',
          declined_at: '2026-06-01T10:05:00-07:00',
          decline_reason: 'AT_CAPACITY',
        },
        {
          ...ok,
          unit_kind: 'Chair',
          discharged_at: '2026-06-01T20:00:00-07:00',
          disposition: 'shelter',
        },
        { ...ok, officer_released_at: '' },
        { ...ok, arrived_at: '2025-12-31T23:30:00-07:00', officer_released_at: '' },
      ]),
    );
    expect(
      t.db
        .prepare('SELECT reference, status, decline_reason, unit_kind FROM encounters ORDER BY id')
        .all(),
    ).toEqual([
      { reference: 'H-2025-00041', status: 'arrived', decline_reason: null, unit_kind: null },
      {
        reference: 'H-2026-00001',
        status: 'declined',
        decline_reason: 'at_capacity',
        unit_kind: null,
      },
      { reference: 'H-2026-00002', status: 'discharged', decline_reason: null, unit_kind: 'chair' },
      { reference: 'H-2026-00003', status: 'arrived', decline_reason: null, unit_kind: null },
      { reference: 'H-2025-00042', status: 'arrived', decline_reason: null, unit_kind: null },
    ]);
  });
});

describe('import: lenient where spreadsheets rewrite files, never about meaning', () => {
  it('BOM, CRLF or LF, any column order, letter case, spaces, quoted commas, quotes and line breaks', async () => {
    const columns = [...CSV_COLUMNS].reverse();
    const body = csvText(
      [
        {
          ...ok,
          referral_source: ' Law_Enforcement ',
          cit_trained: 'TRUE',
          presenting_concerns: 'Psychosis; suicidal_ideation',
          first_name: '  Ana ',
          last_name: 'Ruiz',
          date_of_birth: '1990-04-02',
          notes: 'said "hello", then\r\nleft',
        },
      ],
      columns,
    );
    // Header names in another case with spaces; the last line ends in LF, the others in CRLF.
    const text = body.replace(/^notes,/, ' Notes ,').replace(/\r\n$/, '\n');
    const report = await run(`\ufeff${text}`);
    expect(report.errors).toEqual([]);
    expect(
      t.db
        .prepare(
          'SELECT referral_source, cit_trained, presenting_concerns, first_name, person_key, notes FROM encounters',
        )
        .get(),
    ).toEqual({
      referral_source: 'law_enforcement',
      cit_trained: 1,
      presenting_concerns: 'psychosis;suicidal_ideation',
      first_name: 'Ana',
      person_key: 'ana|ruiz|1990-04-02',
      notes: 'said "hello", then\r\nleft',
    });
  });
});

describe('import: files it cannot read are refused with a clear message, nothing imported', () => {
  it('an empty file', async () => {
    expect(await refused('')).toBe('The file is empty.');
  });
  it('not CSV (binary data)', async () => {
    expect(
      await refused(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
    ).toMatch(/not a CSV file|not UTF-8/);
  });
  it('a broken quote', async () => {
    expect(await refused(`${csvText([ok])}"unclosed,`)).toMatch(/not a readable CSV file/);
  });
  it('an unknown header column', async () => {
    const text = csvText([ok]).replace('badge_number', 'badge');
    expect(await refused(text)).toMatch(/unknown column: badge; missing column: badge_number/);
  });
  it('a missing header column', async () => {
    const cols = CSV_COLUMNS.filter((c) => c !== 'notes');
    expect(await refused(csvText([ok], cols))).toMatch(/missing column: notes/);
  });
  it('a plain text file', async () => {
    expect(await refused('Dear manager,\nhere are the drop-offs.\n')).toMatch(
      /not the encounter CSV v1 header/,
    );
  });
  it('a wrong encoding (Windows-1252)', async () => {
    const latin1 = Buffer.from(csvText([{ ...ok, last_name: 'Muñoz' }]), 'latin1');
    expect(await refused(latin1)).toMatch(/not UTF-8 text/);
  });
  it('UTF-16', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csvText([ok]), 'utf16le')]);
    expect(await refused(utf16)).toMatch(/UTF-16/);
  });
  it('a 2 GB file, refused by its size without reading it', async () => {
    const file = path.join(path.dirname(writeTemp('')), 'huge.csv');
    fs.writeFileSync(file, csvText([ok]));
    fs.truncateSync(file, 2 * 1024 ** 3); // sparse: no 2 GB written
    await expect(
      importEncounterCsv(t, file, { mode: 'dry_run', userId: admin.id, username: admin.username }),
    ).rejects.toThrow(/2\.0 GB; the import takes files up to 1 GB/);
  });
  it('a header and no rows imports nothing and says so', async () => {
    expect(await run(csvText([]))).toMatchObject({ rows: 0, imported: 0 });
  });
});

describe('import: the indexes dropped for a large load come back as they were', () => {
  const schema = () =>
    t.db
      .prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'encounters' ORDER BY type, name",
      )
      .all();
  const stats = () => t.db.prepare('SELECT * FROM sqlite_stat1 ORDER BY tbl, idx').all();

  it('indexes, triggers and the planner statistics are the same after the import', async () => {
    await run(csvText([ok]));
    t.db.exec('ANALYZE');
    const before = { schema: schema(), stats: stats() };
    const report = await run(csvText([ok, ok, ok]));
    expect(report.imported).toBe(3);
    expect({ schema: schema(), stats: stats() }).toEqual(before);
    expect(t.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The indexes answer queries again: search by agency finds the new rows through one.
    expect(
      t.db
        .prepare(
          "SELECT count(*) FROM encounters INDEXED BY encounters_agency WHERE agency = 'Tucson PD'",
        )
        .pluck()
        .get(),
    ).toBe(4);
  });

  it('a failure while writing the rows (indexes dropped) leaves the database as it was', async () => {
    await run(csvText([ok]));
    t.db.exec('ANALYZE');
    const before = { schema: schema(), stats: stats(), count: count() };
    // A real constraint of the database refuses the third row while it is written.
    t.db.exec(`CREATE TRIGGER test_refuse BEFORE INSERT ON encounters WHEN NEW.agency = 'Refused'
               BEGIN SELECT RAISE(ABORT, 'refused by test'); END`);
    const withTrigger = schema();
    await expect(run(csvText([ok, ok, { ...ok, agency: 'Refused' }]))).rejects.toThrow(
      /refused by test/,
    );
    expect(schema()).toEqual(withTrigger);
    t.db.exec('DROP TRIGGER test_refuse');
    expect({ schema: schema(), stats: stats(), count: count() }).toEqual(before);
    expect(t.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
