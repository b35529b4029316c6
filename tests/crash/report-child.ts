import { resolveRange } from '../../core/reports/range';
import { openDatabase } from '../../db/open';
import { reportOffThread, useReportWorkerFile } from '../../server/interchange/report-runner';

/**
 * A process with nothing to wait for but one report on the worker thread (as the bench is):
 * `node report-child.cjs WORKER DB` (a new file is created). Prints the repeat visitors' count once the worker answers.
 */
const [workerFile, dbFile] = process.argv.slice(2) as [string, string];
useReportWorkerFile(workerFile);
const db = openDatabase(dbFile);
void reportOffThread(db, {
  kind: 'repeatVisitors',
  range: resolveRange('2026-01-01', '2026-01-31', 'America/Phoenix'),
}).then((rows) => {
  process.stdout.write(`answered: ${rows.length} repeat visitors\n`);
  db.close();
});
