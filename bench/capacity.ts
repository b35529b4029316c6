import path from 'node:path';
import autocannon from 'autocannon';
import { ROOT, fmt, median, serveArgs, spawnNode, type Child, type Row } from './lib';
import { startHandoffWriter, type Writer, type WriterStats } from './writer';
import { openManyStreams } from './realtime';

interface Run {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(url: string, seconds: number): Promise<Run> {
  const r = await autocannon({ url, connections: 50, duration: seconds, pipelining: 1 });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
  };
}

/**
 * Capacity endpoint vs a bare node:http server returning the same bytes, alternating A/B three
 * times in one run (shared machines are noisy: only the ratio means something).
 */
export async function capacityVsBare(opts: {
  seconds: number;
  dataDir: string;
  /** Handoffs per second accepted through the UI's HTTP API during both A and B runs. */
  writerPerSecond?: number;
  /** Event streams kept open on the listener during the whole comparison (issue #18). */
  openStreams?: number;
}): Promise<Row[]> {
  const serve = spawnNode(serveArgs(opts.dataDir, { unthrottled: true, demo: true }));
  let bare: Child | null = null;
  try {
    const uiUrl = (await serve.waitFor(/Handoff UI: (\S+)/))[1]!;
    const capUrl = (await serve.waitFor(/Capacity endpoint: (\S+)/, 5000).catch(() => null))?.[1];
    if (!capUrl)
      return [
        {
          name: 'capacity endpoint vs bare node:http',
          value: 'not measured',
          budget: '≥ 0.90×',
          pass: null,
          note: 'serve printed no capacity endpoint',
        },
      ];
    const res = await fetch(capUrl);
    const bytes = Buffer.from(await res.arrayBuffer());
    // The same response: body and headers (Node adds Date, Connection, Keep-Alive to both).
    const headers = Object.fromEntries(
      [...res.headers].filter(([k]) => !['date', 'connection', 'keep-alive'].includes(k)),
    );
    bare = spawnNode([path.join(ROOT, 'bench', 'bare-server.cjs')], {
      BODY_B64: bytes.toString('base64'),
      HEADERS_JSON: JSON.stringify(headers),
    });
    const bareUrl = (await bare.waitFor(/Bare server: (\S+)/))[1]!;

    const streams = opts.openStreams ? openManyStreams(capUrl, opts.openStreams) : null;
    const writer: Writer | null = opts.writerPerSecond
      ? await startHandoffWriter(uiUrl, { perSecond: opts.writerPerSecond })
      : null;
    const a: Run[] = [];
    const b: Run[] = [];
    let written: WriterStats | null = null;
    try {
      // Untimed warm-up of both (JIT, connection pools, CPU clocks): the first seconds of either
      // server ran 15–20% slower here than the rest, whichever came first.
      await load(bareUrl, Math.min(3, opts.seconds));
      await load(capUrl, Math.min(3, opts.seconds));
      // Three A/B pairs, the order swapped each time (B A, A B, B A) so a drift of the shared
      // machine within the run falls on both sides alike.
      for (let i = 0; i < 3; i++) {
        if (i % 2 === 0) {
          b.push(await load(bareUrl, opts.seconds));
          a.push(await load(capUrl, opts.seconds));
        } else {
          a.push(await load(capUrl, opts.seconds));
          b.push(await load(bareUrl, opts.seconds));
        }
      }
    } finally {
      written = (await writer?.stop()) ?? null;
      streams?.close();
    }
    // The median of the three pairs' ratios: each pair ran back to back, so a slow stretch of the
    // shared machine counts against one pair, not against whichever side it happened to hit.
    const pairs = a.map((r, i) => r.rps / b[i]!.rps);
    const ratio = median(pairs);
    const p99 = median(a.map((r) => r.p99));
    const label = writer
      ? `capacity endpoint vs bare, while accepting ${opts.writerPerSecond} handoffs/s`
      : opts.openStreams
        ? `capacity endpoint vs bare, with ${opts.openStreams} event streams open`
        : 'capacity endpoint vs bare node:http';
    const budget = writer ? 0.8 : 0.9;
    const errors = a.reduce((s, r) => s + r.errors, 0);
    const rows: Row[] = [
      {
        name: label,
        value: `${fmt(ratio, 2)}× (${fmt(median(a.map((r) => r.rps)), 0)} vs ${fmt(median(b.map((r) => r.rps)), 0)} req/s)`,
        budget: `≥ ${budget.toFixed(2)}×`,
        pass: ratio >= budget && errors === 0,
        note: [
          `pairs ${pairs.map((p) => fmt(p, 2)).join(', ')}`,
          errors ? `${errors} errors / non-2xx` : '',
        ]
          .filter(Boolean)
          .join('; '),
      },

      {
        name: `${label}: latency p50 / p99`,
        value: `${fmt(median(a.map((r) => r.p50)), 2)} / ${fmt(p99, 2)} ms (bare ${fmt(median(b.map((r) => r.p50)), 2)} / ${fmt(median(b.map((r) => r.p99)), 2)} ms)`,
        budget: writer ? 'informational' : 'p99 ≤ 2 ms',
        pass: writer ? null : p99 <= 2,
      },
    ];
    if (written && opts.writerPerSecond) {
      const rate = written.handoffs / written.seconds;
      rows.push({
        name: 'writer during that run (create + accept over HTTP)',
        value: `${fmt(rate, 1)} handoffs/s for ${fmt(written.seconds, 0)} s`,
        budget: `≥ ${fmt(opts.writerPerSecond * 0.95, 0)}/s, no errors`,
        pass: rate >= opts.writerPerSecond * 0.95 && written.errors === 0,
        note: written.errors ? `${written.errors} errors: ${written.firstError}` : undefined,
      });
    }
    return rows;
  } finally {
    await bare?.stop();
    await serve.stop();
  }
}
