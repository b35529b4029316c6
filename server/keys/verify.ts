import { openKeyed, type DatabaseKey } from '../../db/cipher';
import { DatabaseFileError } from '../../db/errors';

/** Driver options a check opens the database with (Electron's native build in development). */
export interface KeyCheckOptions {
  nativeBinding?: string;
}

/**
 * Checks that `key` opens the database `file`, read only (a wrong key writes nothing, so the file
 * stays byte-identical): throws `wrong_key` with its message otherwise.
 */
export function checkKeyOpens(file: string, key: DatabaseKey, options: KeyCheckOptions = {}): void {
  openKeyed(file, key, { readonly: true, nativeBinding: options.nativeBinding }).close();
}

/** True for the error a key that does not open the file gets (db/cipher's wrongKeyError). */
export const isWrongKeyError = (err: unknown): boolean =>
  err instanceof DatabaseFileError && err.problem === 'wrong_key';

/** The same check as a yes or no; any other failure (a missing or locked file) still throws. */
export function opensWithKey(
  file: string,
  key: DatabaseKey,
  options: KeyCheckOptions = {},
): boolean {
  try {
    checkKeyOpens(file, key, options);
    return true;
  } catch (err) {
    if (isWrongKeyError(err)) return false;
    throw err;
  }
}
