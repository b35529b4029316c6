import { openBackend } from '../app';
import { runRetention } from '../retention/run';
import { UsageError, parse } from './args';

type Out = { info(l: string): void; error(l: string): void };

/** `handoff retention [--dry-run]`: one retention run now (Settings → Retention sets the months). */
export function retentionCommand(args: string[], out: Out): number {
  const { values, positionals } = parse(args, {
    'data-dir': { type: 'string' },
    'key-file': { type: 'string' },
    'dry-run': { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError('retention takes no arguments');
  const backend = openBackend({
    dataDir: values['data-dir'] ?? './data',
    keyFile: values['key-file'],
  });
  try {
    const r = runRetention(backend, { dryRun: values['dry-run'] ?? false, username: 'cli' });
    if (r.months === null) {
      out.info(
        'Retention is off (an administrator sets it in Settings → Retention). Nothing changed.',
      );
      return 0;
    }
    const since = new Date(r.cutoff!).toISOString().slice(0, 10);
    out.info(
      r.dryRun
        ? `Dry run: ${r.encounters} encounters that ended before ${since} would be de-identified. Nothing changed.`
        : `${r.encounters} encounters that ended before ${since} were de-identified.`,
    );
    return 0;
  } finally {
    backend.close();
  }
}
