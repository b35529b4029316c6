/**
 * `npm run bench`: measures against physical limits, side by side, and writes bench/RESULTS.md.
 * Options: --quick (short runs, small data), --only <substring>.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initialJsGzip } from './bundle-size';
import { browserHandoff } from './browser-handoff';
import { capacityVsBare } from './capacity';
import { serveColdStart } from './cold-start';
import { generatedDataDir } from './data';
import { durableAcceptance } from './durable';
import { dashboardFigures } from './figures';
import { exportRss, import100k } from './interchange';
import { ROOT, type Row } from './lib';
import { readLatencies } from './reads';
import { eventStreams, regionPolling } from './realtime';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

type Section = { name: string; run: (ctx: { quick: boolean; tmp: string }) => Promise<Row[]> };

/** History sizes: the issue's 100k and 1M; --quick uses small stand-ins (rows say which). */
const SMALL = quick ? 5_000 : 100_000;
const LARGE = quick ? 20_000 : 1_000_000;

/** The capacity endpoint against a bare listener (optionally under load), data in a dir of its name. */
function capacitySection(
  name: string,
  load: { writerPerSecond?: number; openStreams?: number } = {},
): Section {
  return {
    name,
    run: async ({ quick: q, tmp }) =>
      capacityVsBare({ seconds: q ? 2 : 10, dataDir: path.join(tmp, name), ...load }),
  };
}

export const sections: Section[] = [
  { name: 'bundle', run: async () => [initialJsGzip()] },
  capacitySection('capacity'),
  capacitySection('capacity-writer', { writerPerSecond: 20 }),
  {
    name: 'durable',
    run: async ({ quick: q, tmp }) =>
      durableAcceptance({
        dir: path.join(tmp, 'durable'),
        sliceMs: q ? 100 : 250,
        rounds: q ? 9 : 25,
      }),
  },
  {
    name: 'browser',
    run: async ({ quick: q, tmp }) =>
      browserHandoff({ dir: path.join(tmp, 'browser'), runs: q ? 1 : 3 }),
  },
  {
    name: 'figures',
    run: async ({ quick: q, tmp }) => [
      ...(await dashboardFigures({
        dataDir: await generatedDataDir(tmp, SMALL),
        n: SMALL,
        runs: q ? 3 : 7,
        budget90Ms: null,
      })),
      ...(await dashboardFigures({
        dataDir: await generatedDataDir(tmp, LARGE),
        n: LARGE,
        runs: q ? 3 : 7,
        budget90Ms: 50,
      })),
    ],
  },
  {
    name: 'reads',
    run: async ({ quick: q, tmp }) =>
      readLatencies({
        dataDir: await generatedDataDir(tmp, LARGE),
        n: LARGE,
        calls: q ? 30 : 200,
        maxSeconds: q ? 0.5 : 3,
      }),
  },
  capacitySection('events-json', { openStreams: 200 }),
  {
    name: 'events',
    run: async ({ quick: q, tmp }) =>
      eventStreams({ seconds: q ? 4 : 20, dataDir: path.join(tmp, 'events'), streams: 200 }),
  },
  {
    name: 'region',
    run: async ({ quick: q, tmp }) =>
      regionPolling({ seconds: q ? 12 : 60, dataDir: path.join(tmp, 'region') }),
  },
  {
    name: 'cold-start',
    run: async ({ quick: q, tmp }) =>
      serveColdStart({ dataDir: await generatedDataDir(tmp, LARGE), n: LARGE, runs: q ? 3 : 5 }),
  },
  {
    name: 'import',
    run: async ({ quick: q, tmp }) =>
      import100k({
        sourceDir: await generatedDataDir(tmp, SMALL),
        rows: SMALL,
        tmp: path.join(tmp, 'import'),
        runs: q ? 1 : 3,
      }),
  },
  {
    name: 'export',
    run: async ({ tmp }) =>
      exportRss({ dataDir: await generatedDataDir(tmp, LARGE), rows: LARGE, tmp }),
  },
];

function table(rows: Row[]): string {
  const mark = (p: boolean | null) => (p === null ? '—' : p ? 'pass' : '**MISS**');
  return [
    '| measure | result | budget | verdict |',
    '|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.value}${r.note ? ` (${r.note})` : ''} | ${r.budget} | ${mark(r.pass)} |`,
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-bench-'));
  const rows: Row[] = [];
  try {
    for (const s of sections) {
      if (only && !s.name.includes(only)) continue;
      process.stderr.write(`bench: ${s.name}…\n`);
      try {
        const r = await s.run({ quick, tmp });
        for (const row of r) process.stderr.write(`  ${row.name}: ${row.value} [${row.budget}]\n`);
        rows.push(...r);
      } catch (err) {
        rows.push({
          name: s.name,
          value: 'failed',
          budget: '',
          pass: false,
          note: (err as Error).message.split('\n')[0],
        });
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const versions = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
  } catch {
    /* not a checkout */
  }
  const header = [
    '# Benchmark results',
    '',
    `- date: ${new Date().toISOString()}`,
    `- machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}`,
    `- versions: Handoff ${versions.version} (${commit}), Node ${process.version}`,
    `- mode: ${quick ? 'quick (short runs; ratios only indicative)' : 'full'}`,
    '',
  ].join('\n');
  const out = `${header}\n${table(rows)}\n`;
  process.stdout.write(`\n${table(rows)}\n`);
  if (!only) fs.writeFileSync(path.join(ROOT, 'bench', 'RESULTS.md'), out + (readHistory() ?? ''));
}

/** Keeps the "before / after" notes that follow the generated table. */
function readHistory(): string | null {
  const file = path.join(ROOT, 'bench', 'RESULTS.md');
  if (!fs.existsSync(file)) return null;
  const text = fs.readFileSync(file, 'utf8');
  const i = text.indexOf('\n## History');
  return i >= 0 ? text.slice(i) : null;
}

void main();
