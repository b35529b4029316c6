import fs from 'node:fs';
import path from 'node:path';
import { verifyAudit } from '../../db/audit';
import { DatabaseFileError } from '../../db/errors';
import { isPlainDatabaseFile } from '../../db/cipher';
import { openDatabase } from '../../db/open';
import { keyFileFor, readKeyFile } from '../keys/key-file';
import { openBackend, DB_FILE_NAME } from '../app';
import { backupAndRotate } from '../backup';
import { UsageError, parse } from './args';
import { auditCli } from './audit';

type Out = { info(l: string): void; error(l: string): void };

const DATA_DIR_OPTION = {
  'data-dir': { type: 'string' },
  'key-file': { type: 'string' },
} as const;

function dataDirArg(command: string, args: string[]): { dataDir: string; keyFile?: string } {
  const { values, positionals } = parse(args, DATA_DIR_OPTION);
  if (positionals.length)
    throw new UsageError(`${command} takes no arguments (got "${positionals.join(' ')}")`);
  return { dataDir: path.resolve(values['data-dir'] ?? './data'), keyFile: values['key-file'] };
}

function existingDatabase(dataDir: string): string {
  const file = path.join(dataDir, DB_FILE_NAME);
  if (!fs.existsSync(file))
    throw new DatabaseFileError(
      'corrupt',
      `There is no Handoff database in ${dataDir} (looked for ${DB_FILE_NAME}). Check --data-dir.`,
    );
  return file;
}

/** Exit code of `verify-audit` when the chain is broken (1 stays "the command failed"). */
export const AUDIT_BROKEN_EXIT = 4;

/** `handoff verify-audit`: re-computes the audit chain; names the first altered or missing row. */
export function verifyAuditCommand(args: string[], out: Out): number {
  const { dataDir, keyFile } = dataDirArg('verify-audit', args);
  const file = existingDatabase(dataDir);
  const key = isPlainDatabaseFile(file) ? undefined : readKeyFile(keyFileFor(dataDir, keyFile));
  const db = openDatabase(file, { readonly: true, key });
  try {
    const result = verifyAudit(db);
    if (result.ok) {
      out.info(result.message);
      return 0;
    }
    out.error(
      `AUDIT LOG TAMPERED: ${result.message} (${result.rows} rows read). Keep this database as evidence; ` +
        'restore a backup to continue work.',
    );
    return AUDIT_BROKEN_EXIT;
  } finally {
    db.close();
  }
}

/** `handoff backup`: one checked copy (online backup API), rotation applied. */
export async function backupCommand(args: string[], out: Out): Promise<number> {
  const { dataDir, keyFile } = dataDirArg('backup', args);
  existingDatabase(dataDir);
  const backend = openBackend({ dataDir, keyFile });
  try {
    const info = await backupAndRotate(backend, 'manual');
    auditCli(backend.db, backend.clock.now(), {
      action: 'backup.create',
      entity: 'backups',
      entityId: info.name,
    });
    out.info(
      `Backup written and verified: ${path.join(dataDir, 'backups', info.name)} (${info.bytes} bytes)`,
    );
    return 0;
  } finally {
    backend.close();
  }
}
