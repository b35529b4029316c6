import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveRange } from '../../core/reports/range';
import { computeFigures } from '../../db/reports';
import { openBackend } from '../../server/app';
import { main } from '../../server/cli/main';
import { GENERATED_COLUMNS, generateHistory } from '../../server/generate/history';
import {
  EXPORT_PAGE_MIN_ROWS,
  exportEncountersToFile,
  exportPage,
} from '../../server/interchange/export';
import { importEncounterCsv } from '../../server/interchange/import';
import { FIXTURE_ROWS, FIXTURE_ZONE } from '../fixtures/figures-fixture';
import { tempDir, type TestBackend } from '../helpers/backend';
import { backendInZone, csvText, writeTemp } from '../helpers/encounter-csv';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
  vi.restoreAllMocks();
});

async function fresh(): Promise<TestBackend> {
  const { t } = await backendInZone(FIXTURE_ZONE);
  t.clock.set(Date.parse('2026-12-15T12:00:00Z'));
  cleanups.push(() => t.cleanup());
  return t;
}

const importFile = async (t: TestBackend, file: string) => {
  const r = await importEncounterCsv(t, file, {
    mode: 'all_or_nothing',
    userId: null,
    username: 'test',
  });
  expect(r.errors).toEqual([]);
  return r;
};

const exportFile = async (t: TestBackend) => {
  const file = path.join(tempDir(), 'export.csv');
  await exportEncountersToFile(t.db, FIXTURE_ZONE, file);
  return fs.readFileSync(file);
};

const RANGES: [string, string][] = [
  ['2024-01-01', '2026-12-14'],
  ['2026-03-01', '2026-03-31'],
  ['2026-11-01', '2026-11-01'],
];
const allFigures = (t: TestBackend) =>
  RANGES.map(([f, to]) => computeFigures(t.db, resolveRange(f, to, FIXTURE_ZONE), 10));

/** Writes a generated history of `encounters` rows (ending 1 Dec 2026) straight into `b`. */
function generateInto(b: TestBackend, encounters: number, seed: string): void {
  const insert = b.db.prepare(
    `INSERT INTO encounters (${GENERATED_COLUMNS.join(', ')})
     VALUES (${GENERATED_COLUMNS.map(() => '?').join(', ')})`,
  );
  b.db.transaction(() =>
    generateHistory({ encounters, seed, endDay: '2026-12-01', timeZone: FIXTURE_ZONE }, (v) =>
      insert.run(v),
    ),
  )();
}

describe('round trip: export → import into a fresh database → export', () => {
  it('the hand-written fixture: byte-identical file, identical figures', async () => {
    const a = await fresh();
    await importFile(a, writeTemp(csvText(FIXTURE_ROWS)));
    const first = await exportFile(a);
    const b = await fresh();
    await importFile(b, writeTemp(first));
    const second = await exportFile(b);
    expect(second.equals(first)).toBe(true);
    expect(allFigures(b)).toEqual(allFigures(a));
    // The documented header, CRLF line ends, times in the facility's offset.
    const text = first.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      'reference,referral_source,agency,officer_name,badge_number,cit_trained,co_responder,probable_cause,diverted_from_arrest,first_name,last_name,date_of_birth,estimated_age,gender,preferred_language,legal_status,presenting_concerns,medical_red_flags,weapons_search_done,arrived_at,officer_released_at,declined_at,decline_reason,unit_kind,bed_label,discharged_at,disposition,notes',
    );
    expect(text).toContain(
      'R1,law_enforcement,Metro PD,Pat Officer,4411,,,true,true,,,,,,,,,,,2026-03-08T01:50:00-07:00,2026-03-08T03:05:00-06:00,,,chair,R-01,2026-03-08T20:00:00-06:00,home_community,\r\n',
    );
  });

  it('a generated history with every field in use (3000 encounters across two DST changes)', async () => {
    const a = await fresh();
    generateInto(a, 3000, 'round-trip');
    a.db
      .prepare(
        `UPDATE encounters SET notes = 'multi-line, "quoted"' || char(10) || 'note' WHERE id % 50 = 0`,
      )
      .run();
    const first = await exportFile(a);
    const b = await fresh();
    expect((await importFile(b, writeTemp(first))).imported).toBe(3000);
    expect((await exportFile(b)).equals(first)).toBe(true);
    expect(allFigures(b)).toEqual(allFigures(a));
  });

  it('the UI download: pages cut short by their time budget stitch into the same file', async () => {
    const a = await fresh();
    generateInto(a, 1000, 'pages');
    const pages: string[] = [];
    let after: Parameters<typeof exportPage>[2] = null;
    for (;;) {
      const page = exportPage(a.db, FIXTURE_ZONE, after, 10_000, 0); // no time at all
      expect(page.rows).toBeLessThanOrEqual(EXPORT_PAGE_MIN_ROWS + 50);
      pages.push(page.csv);
      if (!page.next) break;
      after = page.next;
    }
    expect(pages.length).toBeGreaterThanOrEqual(1000 / (EXPORT_PAGE_MIN_ROWS + 50));
    expect(Buffer.from(pages.join('')).equals(await exportFile(a))).toBe(true);
  });
});

describe('the CLI: import, export, report', () => {
  const run = async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((c) => ((stdout += String(c)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((c) => ((stderr += String(c)), true));
    const code = await main(argv);
    vi.restoreAllMocks();
    return { code, stdout, stderr };
  };

  it('imports a file, prints the figures as Figures JSON v1 and as a table, exports it back', async () => {
    const dir = tempDir();
    const t = await backendInZone(FIXTURE_ZONE, dir);
    t.t.close();
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const csv = writeTemp(csvText(FIXTURE_ROWS));

    const dry = await run('import', csv, '--data-dir', dir, '--dry-run');
    expect(dry).toMatchObject({ code: 0 });
    expect(dry.stdout).toContain('Dry run: nothing was imported.');
    const imp = await run('import', csv, '--data-dir', dir);
    expect(imp.stdout).toContain(`Imported ${FIXTURE_ROWS.length} encounters.`);

    const json = await run(
      'report',
      '--data-dir',
      dir,
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-31',
      '--json',
    );
    expect(json.code).toBe(0);
    const f = JSON.parse(json.stdout) as {
      encounters: number;
      turnaroundMinutes: { median: number };
    };
    expect(f.encounters).toBe(16);
    expect(f.turnaroundMinutes.median).toBe(10.5);
    const table = await run(
      'report',
      '--data-dir',
      dir,
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-31',
    );
    expect(table.stdout).toMatch(/Police drop-offs\s+5/);
    expect(table.stdout).toMatch(/median \(minutes\)\s+10.5/);

    const out = path.join(dir, 'out.csv');
    expect(
      (await run('export', '--data-dir', dir, '--out', out, '--reason', 'round trip')).code,
    ).toBe(0);
    expect(fs.readFileSync(out, 'utf8').split('\r\n').length).toBe(FIXTURE_ROWS.length + 2);
    // The export of people's records is audited, from the command line too.
    const b = openBackend({ dataDir: dir });
    expect(
      b.db
        .prepare(`SELECT username, detail FROM audit_log WHERE action = 'encounters.export'`)
        .all(),
    ).toEqual([
      {
        username: 'cli',
        detail: JSON.stringify({ to: 'file', rows: 21, reason: 'round trip' }),
      },
    ]);
    b.close();

    // A second import of the same file: every row is a duplicate, nothing imported, exit 1.
    const again = await run('import', csv, '--data-dir', dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /line 2, reference: duplicate reference: R1 is already in the database/,
    );
  });

  it('bad report input: clear errors', async () => {
    const dir = tempDir();
    (await backendInZone(FIXTURE_ZONE, dir)).t.close();
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const r1 = await run('report', '--data-dir', dir, '--from', '2026-03-31', '--to', '2026-03-01');
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain('The end (2026-03-01) is before the start (2026-03-31).');
    const r2 = await run('report', '--data-dir', dir, '--from', '2020-01-01', '--to', '2026-01-01');
    expect(r2.stderr).toMatch(/longer than 5 years/);
    const r3 = await run('report', '--data-dir', dir, '--from', 'March', '--to', '2026-03-01');
    expect(r3.stderr).toContain('"March" is not a date (use YYYY-MM-DD)');
    const r4 = await run('report', '--data-dir', dir, '--from', '2026-03-01');
    expect(r4.stderr).toContain('report needs --from YYYY-MM-DD and --to YYYY-MM-DD');
    const r5 = await run(
      'report',
      '--data-dir',
      tempDir(),
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-02',
    );
    expect(r5.stderr).toMatch(/No facility is set up/);
  });

  it('generate: reproducible from a seed, and refuses to overwrite', async () => {
    const dir = tempDir();
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const a = path.join(dir, 'a.db');
    const b = path.join(dir, 'b.db');
    const args = ['--encounters', '2000', '--seed', '7', '--end', '2026-06-30'];
    expect((await run('generate', ...args, '--out', a)).code).toBe(0);
    expect((await run('generate', ...args, '--out', b)).code).toBe(0);
    const rows = async (file: string) => {
      const d = path.join(dir, path.basename(file, '.db'));
      fs.mkdirSync(d);
      fs.copyFileSync(file, path.join(d, 'handoff.db'));
      const r = await run('export', '--data-dir', d, '--reason', 'round trip');
      return r.stdout;
    };
    const ea = await rows(a);
    expect(ea.split('\r\n').length).toBe(2002);
    expect(await rows(b)).toBe(ea);
    const again = await run('generate', ...args, '--out', a);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists; choose another --out or pass --force/);
  });

  it('generate: a history never reaches into the future (the default ends with the last full day)', async () => {
    const dir = tempDir();
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    // Today is not over anywhere on Earth two days from now: refused, nothing written.
    const later = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const refused = await run(
      'generate',
      '--encounters',
      '10',
      '--end',
      later,
      '--out',
      path.join(dir, 'x.db'),
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /is not over yet in America\/Phoenix: .* Use \d{4}-\d{2}-\d{2} or earlier/,
    );
    expect(fs.existsSync(path.join(dir, 'x.db'))).toBe(false);
    // The default end: every arrival is in the past, so the whole history imports back.
    const d = path.join(dir, 'gen');
    fs.mkdirSync(d);
    expect(
      (await run('generate', '--encounters', '3000', '--out', path.join(d, 'handoff.db'))).code,
    ).toBe(0);
    const csv = path.join(dir, 'all.csv');
    expect(
      (await run('export', '--data-dir', d, '--out', csv, '--reason', 'round trip')).code,
    ).toBe(0);
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    expect(
      (await run('generate', '--encounters', '0', '--out', path.join(empty, 'handoff.db'))).code,
    ).toBe(0);
    // An import refuses an arrival in the future: all 3,000 go in.
    const imported = await run('import', csv, '--data-dir', empty);
    expect(imported.stdout).toMatch(/Imported 3000 encounters/);
    expect(imported.code).toBe(0);
  });
});
