import { signInHttp } from './lib';

export interface WriterStats {
  handoffs: number;
  seconds: number;
  errors: number;
  firstError: string | null;
}

export interface Writer {
  stop(): Promise<WriterStats>;
}

const AGENCIES = ['Tucson Police Department', 'Pima County Sheriff', 'Marana Police Department'];

/**
 * A desk accepting police handoffs through the real UI HTTP API at a steady rate: each handoff is
 * a police drop-off recorded with the officer waiting (`encounters.create`), then accepted
 * (`encounters.accept`), so every handoff changes "officers waiting" twice and the capacity
 * snapshot is rebuilt twice. Calls start on a fixed schedule (not back to back), so a slow server
 * shows up as fewer handoffs per second, not as a silently lower rate.
 */
export async function startHandoffWriter(
  uiUrl: string,
  opts: { perSecond: number; username?: string; password?: string },
): Promise<Writer> {
  const api = await signInHttp(
    uiUrl,
    opts.username ?? 'intake',
    opts.password ?? 'demo-intake-password',
  );
  const stats: WriterStats = { handoffs: 0, seconds: 0, errors: 0, firstError: null };
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  let scheduled = 0;
  const one = async (i: number): Promise<void> => {
    try {
      const e = await api.call<{ id: number }>('encounters.create', {
        referralSource: 'law_enforcement',
        agency: AGENCIES[i % AGENCIES.length],
        officerName: `Officer ${i % 40}`,
        badgeNumber: `B${i % 40}`,
        lastName: `Bench${i}`,
        presentingConcerns: ['suicidal_ideation'],
      });
      await api.call('encounters.accept', { id: e.id });
      stats.handoffs++;
    } catch (err) {
      stats.errors++;
      stats.firstError ??= (err as Error).message;
    }
  };
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - started) / 1000) * opts.perSecond);
    // At most a few in flight: a stalled server is not buried under a backlog.
    while (scheduled < due && inFlight.size < 8) {
      const p = one(scheduled++).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
  }, 10);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
      stats.seconds = (performance.now() - started) / 1000;
      return stats;
    },
  };
}
