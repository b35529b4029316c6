/** Why a database file cannot be opened; the message says what the user should do. */
export type DatabaseFileProblem =
  | 'not_a_database'
  | 'newer_version'
  | 'corrupt'
  | 'locked'
  | 'migration_failed'
  | 'wrong_key'
  | 'key_file';

export class DatabaseFileError extends Error {
  readonly problem: DatabaseFileProblem;
  constructor(problem: DatabaseFileProblem, message: string) {
    super(message);
    this.name = 'DatabaseFileError';
    this.problem = problem;
  }
}
