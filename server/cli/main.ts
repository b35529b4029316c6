import { DatabaseFileError } from '../../db/errors';
import { UsageError } from './args';
import { exportCommand, importCommand, reportCommand } from './interchange';
import { generateCommand } from './generate';
import { backupCommand, verifyAuditCommand } from './maintenance';
import { runServe, type CliOut } from './serve';
import { keyCommand, rekeyCommand } from './keys';
import { retentionCommand } from './retention';

const USAGE = `Usage: handoff <command> [options]

Commands:
  serve     Run the Handoff UI and API for browsers (and the dispatch capacity endpoint)
            --data-dir DIR  --host HOST  --port N  --demo  --tls-cert FILE --tls-key FILE
            --insecure-lan  --capacity-host HOST  --capacity-port N  --capacity-rate-limit N
            --key-file FILE
  import    Import historical encounters from an encounter CSV v1 file (one transaction)
            FILE.csv  --data-dir DIR  --dry-run  --valid-only
  export    Write every encounter as encounter CSV v1 (to stdout, or --out FILE)
            --data-dir DIR  --out FILE
  report    Print the figures for a date range (facility time zone); --json: Figures JSON v1
            --from YYYY-MM-DD  --to YYYY-MM-DD  --json  --data-dir DIR
  generate  Make a database with a realistic, reproducible history (benchmarks, training)
            --encounters N  --out FILE.db  --seed S  --end YYYY-MM-DD
  backup        Take a verified copy of the database into <data-dir>/backups (rotation applied)
                --data-dir DIR
  verify-audit  Check the audit log's hash chain; names the first altered or missing row
                --data-dir DIR   (exit code 4 when the chain is broken)
  retention     Remove identifying details of encounters past the retention limit (Settings →
                Retention); --dry-run only counts.  --data-dir DIR  --key-file FILE
  rekey         Change the database key: the database, every backup and the key file
                --data-dir DIR  --key-file FILE
  key recover   Write the key file from the recovery key (to open a backup on another computer)
                --recovery-key "XXXX-…"  --data-dir DIR  --key-file FILE
  Every command takes --key-file FILE (default HANDOFF_KEY_FILE, else <data folder>.key).
  help      Show this text`;

export const out: CliOut = {
  info: (l: string) => process.stdout.write(`${l}\n`),
  error: (l: string) => process.stderr.write(`${l}\n`),
};

export type Command = (args: string[]) => Promise<number>;

/** Commands by name; capabilities register theirs here (import, export, backup, …). */
export const commands: Record<string, Command> = {
  serve: (args) => runServe(args, out),
  import: (args) => importCommand(args, out),
  export: (args) => exportCommand(args, out),
  report: (args) => reportCommand(args, out),
  generate: (args) => generateCommand(args, out),
  backup: (args) => backupCommand(args, out),
  'verify-audit': (args) => Promise.resolve(verifyAuditCommand(args, out)),
  retention: (args) => Promise.resolve(retentionCommand(args, out)),
  rekey: (args) => Promise.resolve(rekeyCommand(args, out)),
  key: (args) => Promise.resolve(keyCommand(args, out)),
  async help() {
    out.info(USAGE);
    return 0;
  },
};

/** Runs one command; `table` is the commands of this build (the test build swaps serve's). */
export async function main(
  argv: string[],
  table: Readonly<Record<string, Command>> = commands,
): Promise<number> {
  const [name, ...args] = argv;
  const command =
    name && Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
  if (!command) {
    out.error(name ? `Unknown command: ${name}\n\n${USAGE}` : USAGE);
    return 2;
  }
  try {
    return await command(args);
  } catch (err) {
    if (err instanceof UsageError) {
      out.error(`handoff ${name}: ${err.message}`);
      return 2;
    }
    if (err instanceof DatabaseFileError) {
      out.error(`handoff ${name}: ${err.message}`);
      return 3;
    }
    out.error(
      `handoff ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    return 1;
  }
}
