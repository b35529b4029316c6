import type { Database } from 'better-sqlite3';
import type { StaffRole } from '../core/roles';

export interface CensusConfirmationRow {
  at: number;
  role: StaffRole;
}

export function insertCensusConfirmation(db: Database, at: number, role: StaffRole): void {
  db.prepare('INSERT INTO census_confirmations (at, role) VALUES (?, ?)').run(at, role);
}

/** The latest confirmation (the id breaks ties of equal times). */
export function lastCensusConfirmation(db: Database): CensusConfirmationRow | undefined {
  return db
    .prepare('SELECT at, role FROM census_confirmations ORDER BY at DESC, id DESC LIMIT 1')
    .get() as CensusConfirmationRow | undefined;
}
