import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRange } from '../../core/reports/range';
import { subMonths } from 'date-fns';
import {
  getEncounterRow,
  getTurnaroundTarget,
  insertEncounter,
  toEncounterView,
} from '../../db/encounters';
import { getFacility } from '../../db/facility';
import { editIntakeNote, insertIntakeNote } from '../../db/intake-notes';
import { computeFigures } from '../../db/reports';
import { DB_FILE_NAME, openBackend, type Backend } from '../../server/app';
import { AdjustableClock } from '../helpers/adjustable-clock';
import { generateCommand } from '../../server/cli/generate';
import { retentionCommand } from '../../server/cli/retention';
import { setSetting } from '../../db/settings';
import { RETENTION_MONTHS_SETTING } from '../../server/retention/settings';
import { runRetention } from '../../server/retention/run';
import { defaultKeyFile } from '../../server/keys/key-file';
import { tempDir } from '../helpers/backend';
import { bundleForNode } from '../helpers/bundle';
import { openFile } from '../helpers/keyed';

const root = path.resolve(__dirname, '..', '..');
const END = '2026-06-30';
const NOW = Date.UTC(2026, 6, 1, 12);
let work: string;
let template: string;

beforeAll(async () => {
  work = tempDir('handoff-retention-');
  template = path.join(work, 'history.db');
  const quiet = { info() {}, error() {} };
  expect(
    await generateCommand(
      ['--encounters', '3000', '--seed', '11', '--end', END, '--out', template],
      quiet,
    ),
  ).toBe(0);
}, 120_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function freshCopy(name: string): { dataDir: string; open(): Backend } {
  const dataDir = path.join(work, name);
  fs.mkdirSync(dataDir);
  fs.copyFileSync(template, path.join(dataDir, DB_FILE_NAME));
  const clock = new AdjustableClock();
  clock.set(NOW);
  return { dataDir, open: () => openBackend({ dataDir, clock }) };
}

/** Figures JSON, as `handoff report --json` prints it, for ranges across the limit. */
function figuresJson(b: Backend): string[] {
  const zone = getFacility(b.db)!.timeZone;
  const ranges = [
    ['2025-07-01', END],
    ['2026-05-01', '2026-05-31'],
    ['2026-05-25', '2026-06-10'],
    ['2026-05-31', '2026-06-01'],
    ['2026-06-01', END],
    ['2026-06-20', '2026-07-31'],
  ];
  return ranges.map(([from, to]) =>
    JSON.stringify(
      computeFigures(b.db, resolveRange(from!, to!, zone), getTurnaroundTarget(b.db)),
      null,
      2,
    ),
  );
}

/** Runs retention in a child process that stops dead at `step`, and kills it -9 there. */
async function killedRun(dataDir: string, step: string): Promise<void> {
  const child = path.join(work, 'retention-child.cjs');
  fs.writeFileSync(
    path.join(work, 'retention-child.ts'),
    `import { openBackend } from '${path.join(root, 'server', 'app')}';
     import { AdjustableClock } from '${path.join(root, 'tests', 'helpers', 'adjustable-clock')}';
     import { runRetention } from '${path.join(root, 'server', 'retention', 'run')}';
     const clock = new AdjustableClock(); clock.set(${NOW});
     runRetention(openBackend({ dataDir: process.argv[2]!, clock }));`,
  );
  await bundleForNode(path.join(work, 'retention-child.ts'), child, {
    absWorkingDir: root,
    nodePaths: [path.join(root, 'node_modules')],
  });
  await new Promise<void>((resolve, reject) => {
    const p = spawn(process.execPath, [child, dataDir], {
      env: {
        ...process.env,
        HANDOFF_CRASH_AT: step,
        NODE_PATH: path.join(root, 'node_modules'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('crash-point')) p.kill('SIGKILL');
    });
    p.stderr.on('data', (c: Buffer) => (err += c.toString()));
    p.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`child: ${out}${err}`)),
    );
  });
}

describe('retention', () => {
  it('removes identifying details past the limit, and every figure stays byte-identical', () => {
    const { dataDir, open } = freshCopy('figures');
    const b = open();
    try {
      const before = figuresJson(b);
      const repeatBefore = JSON.parse(before[0]!).repeatVisitors as number;
      expect(repeatBefore).toBeGreaterThan(0);
      setSetting(b.db, RETENTION_MONTHS_SETTING, 1, NOW);
      // A person with visits on both sides of the limit (their recent visit keeps the names).
      const cutoffAhead = subMonths(NOW, 1).getTime();
      const across = b.db
        .prepare(
          `SELECT person_key FROM encounters WHERE person_key IS NOT NULL GROUP BY person_key
            HAVING min(coalesce(discharged_at, declined_at)) < ? AND max(coalesce(discharged_at, declined_at)) >= ?
            LIMIT 1`,
        )
        .pluck()
        .get(cutoffAhead, cutoffAhead) as string | undefined;
      expect(across).toBeDefined();
      const dry = runRetention(b, { dryRun: true });
      expect(dry.encounters).toBeGreaterThan(100);
      expect(figuresJson(b)).toEqual(before);
      const r = runRetention(b);
      expect(r.encounters).toBe(dry.encounters);
      expect(figuresJson(b)).toEqual(before);
      // Past the limit: no name, birth date, officer, badge or notes; the rest is there.
      const cutoff = r.cutoff!;
      const old = b.db
        .prepare(
          `SELECT count(*) AS n, count(first_name) + count(last_name) + count(date_of_birth)
                  + count(officer_name) + count(badge_number) + count(notes) AS identifying,
                  count(reference) AS refs, count(agency) AS agencies,
                  sum(person_key NOT LIKE 'h:%') AS plainKeys
             FROM encounters WHERE coalesce(discharged_at, declined_at) < ?`,
        )
        .get(cutoff) as Record<string, number>;
      expect(old.n).toBe(r.encounters);
      expect(old.identifying).toBe(0);
      expect(old.refs).toBe(old.n);
      expect(old.agencies).toBeGreaterThan(0);
      expect(old.plainKeys ?? 0).toBe(0);
      // Recent encounters keep their names.
      const recent = b.db
        .prepare(
          'SELECT count(last_name) FROM encounters WHERE coalesce(discharged_at, declined_at) >= ?',
        )
        .pluck()
        .get(cutoff) as number;
      expect(recent).toBeGreaterThan(0);
      const audit = b.db
        .prepare("SELECT detail FROM audit_log WHERE action = 'retention.run'")
        .pluck()
        .all() as string[];
      expect(audit.map((d) => (JSON.parse(d) as { encounters: number }).encounters)).toEqual([
        r.encounters,
      ]);
      // Their recent visit still shows the name, under the same (now hashed) key as the old one.
      expect(
        b.db.prepare('SELECT count(*) FROM encounters WHERE person_key = ?').pluck().get(across),
      ).toBe(0); // the plain key (names and birth date) is gone from every visit
      const hashed = b.db
        .prepare(
          "SELECT id, first_name, last_name, date_of_birth, person_key, deidentified_at FROM encounters WHERE person_key LIKE 'h:%' AND last_name IS NOT NULL LIMIT 1",
        )
        .get() as {
        id: number;
        first_name: string;
        last_name: string;
        date_of_birth: string;
        person_key: string;
      };
      expect(hashed).toBeDefined();
      // The encounter page's data says when an old visit was de-identified.
      const oldVisit = b.db
        .prepare(
          'SELECT id FROM encounters WHERE person_key = ? AND deidentified_at IS NOT NULL LIMIT 1',
        )
        .pluck()
        .get(hashed.person_key) as number;
      const view = toEncounterView(getEncounterRow(b.db, oldVisit)!);
      expect(view).toMatchObject({
        firstName: null,
        lastName: null,
        dateOfBirth: null,
      });
      expect(view.deidentifiedAt).toBeGreaterThanOrEqual(NOW);
      // A new visit of the same person joins the hashed key: still one person for the figures.
      const again = insertEncounter(b.db, {
        reference: 'H-2026-99999',
        status: 'arrived',
        createdBy: null,
        now: NOW,
        values: {
          referralSource: 'walk_in',
          firstName: hashed.first_name,
          lastName: hashed.last_name,
          dateOfBirth: hashed.date_of_birth,
          arrivedAt: NOW,
        },
      } as Parameters<typeof insertEncounter>[1]);
      expect(again.person_key).toBe(hashed.person_key);
      b.db.prepare('DELETE FROM encounters WHERE id = ?').run(again.id);

      // A second run finds nothing more to do.
      expect(runRetention(b).encounters).toBe(0);
      expect(figuresJson(b)).toEqual(before);
    } finally {
      b.close();
      fs.rmSync(defaultKeyFile(dataDir), { force: true });
    }
  }, 120_000);

  it('handoff retention: off by default; --dry-run changes nothing', () => {
    const { dataDir, open } = freshCopy('cli');
    try {
      const lines: string[] = [];
      const out = { info: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
      expect(retentionCommand(['--data-dir', dataDir], out)).toBe(0);
      expect(lines.pop()).toMatch(/Retention is off/);
      const b = open();
      setSetting(b.db, RETENTION_MONTHS_SETTING, 1, NOW);
      const names = () =>
        b.db.prepare('SELECT count(last_name) FROM encounters').pluck().get() as number;
      const before = names();
      b.close();
      expect(retentionCommand(['--data-dir', dataDir, '--dry-run'], out)).toBe(0);
      expect(lines.pop()).toMatch(/^Dry run: \d+ encounters .* would be de-identified/);
      const again = open();
      expect(again.db.prepare('SELECT count(last_name) FROM encounters').pluck().get()).toBe(
        before,
      );
      again.close();
    } finally {
      fs.rmSync(defaultKeyFile(dataDir), { force: true });
    }
  }, 60_000);

  it('a run killed -9 half-way leaves none of it (integrity ok); the next run does all of it', async () => {
    const { dataDir, open } = freshCopy('kill');
    try {
      const b = open();
      setSetting(b.db, RETENTION_MONTHS_SETTING, 1, NOW);
      const count = () =>
        b.db.prepare('SELECT count(*) FROM encounters WHERE deidentified_at IS NOT NULL').pluck();
      expect(count().get()).toBe(0);
      b.close();
      await killedRun(dataDir, 'retention-after-encounters');
      const raw = openFile(path.join(dataDir, DB_FILE_NAME), { readonly: true });
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(
        raw
          .prepare('SELECT count(*) FROM encounters WHERE deidentified_at IS NOT NULL')
          .pluck()
          .get(),
      ).toBe(0);
      expect(
        raw.prepare("SELECT count(*) FROM encounters WHERE person_key LIKE 'h:%'").pluck().get(),
      ).toBe(0);
      raw.close();
      const after = open();
      expect(runRetention(after).encounters).toBeGreaterThan(0);
      after.close();
    } finally {
      fs.rmSync(defaultKeyFile(dataDir), { force: true });
    }
  }, 120_000);
  it('a run killed -9 while intake note versions are being removed leaves them and their guard', async () => {
    const { dataDir, open } = freshCopy('kill-notes');
    try {
      const b = open();
      setSetting(b.db, RETENTION_MONTHS_SETTING, 1, NOW);
      const cutoff = subMonths(NOW, 1).getTime();
      // A person whose every visit is past the limit, with an intake note of two versions.
      const gone = b.db
        .prepare(
          `SELECT person_key FROM encounters WHERE person_key IS NOT NULL GROUP BY person_key
            HAVING count(coalesce(discharged_at, declined_at)) = count(*)
               AND max(coalesce(discharged_at, declined_at)) < ? LIMIT 1`,
        )
        .pluck()
        .get(cutoff) as string;
      const id = insertIntakeNote(b.db, { personKey: gone, text: 'first', userId: 1, now: NOW });
      editIntakeNote(b.db, { id, version: 1, text: 'second', userId: 1, now: NOW });
      b.close();
      await killedRun(dataDir, 'retention-intake-notes-unguarded');
      const raw = openFile(path.join(dataDir, DB_FILE_NAME), { readonly: true });
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(raw.prepare('SELECT count(*) FROM intake_note_versions').pluck().get()).toBe(2);
      expect(
        raw
          .prepare(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'intake_note_versions_keep_%'",
          )
          .pluck()
          .get(),
      ).toBe(2);
      raw.close();
      const after = open();
      try {
        expect(runRetention(after).steps['intake notes removed']).toBe(1);
        expect(after.db.prepare('SELECT count(*) FROM intake_note_versions').pluck().get()).toBe(0);
        const other = insertIntakeNote(after.db, {
          personKey: 'someone|else|2000-01-01',
          text: 'kept',
          userId: 1,
          now: NOW,
        });
        expect(() =>
          after.db.prepare('DELETE FROM intake_note_versions WHERE note_id = ?').run(other),
        ).toThrow(/intake note versions are kept/);
      } finally {
        after.close();
      }
    } finally {
      fs.rmSync(defaultKeyFile(dataDir), { force: true });
    }
  }, 120_000);
});
