import type { Database } from 'better-sqlite3';

/** Case managers' intake notes per person (migration 0150): every version kept, removal kept. */
export interface IntakeNoteRow {
  id: number;
  person_key: string;
  version: number;
  text: string;
  removed_at: number | null;
  removed_reason: string | null;
  created_at: number;
  updated_at: number;
  author: string | null;
}

const SELECT = `SELECT n.id, n.person_key, n.version, n.text, n.removed_at, n.removed_reason,
       n.created_at, n.updated_at,
       (SELECT u.display_name FROM intake_note_versions v LEFT JOIN users u ON u.id = v.user_id
         WHERE v.note_id = n.id AND v.version = n.version) AS author
  FROM intake_notes n`;

export function getIntakeNote(db: Database, id: number): IntakeNoteRow | undefined {
  return db.prepare(`${SELECT} WHERE n.id = ?`).get(id) as IntakeNoteRow | undefined;
}

/** The current notes of some person keys (one person may have several merged keys). */
export function currentNotesFor(db: Database, keys: readonly string[]): IntakeNoteRow[] {
  if (keys.length === 0) return [];
  return db
    .prepare(
      `${SELECT} INDEXED BY intake_notes_person
        WHERE n.person_key IN (SELECT value FROM json_each(?)) AND n.removed_at IS NULL
        ORDER BY n.updated_at DESC, n.id DESC`,
    )
    .all(JSON.stringify(keys)) as IntakeNoteRow[];
}

export function insertIntakeNote(
  db: Database,
  n: { personKey: string; text: string; userId: number; now: number },
): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO intake_notes (person_key, version, text, created_by, created_at, updated_at)
         VALUES (?, 1, ?, ?, ?, ?)`,
      )
      .run(n.personKey, n.text, n.userId, n.now, n.now).lastInsertRowid,
  );
  db.prepare(
    'INSERT INTO intake_note_versions (note_id, version, text, user_id, at) VALUES (?, 1, ?, ?, ?)',
  ).run(id, n.text, n.userId, n.now);
  return id;
}

/** A new version if nobody changed the note since `version`; false when another desk did. */
export function editIntakeNote(
  db: Database,
  n: { id: number; version: number; text: string; userId: number; now: number },
): boolean {
  const changed = db
    .prepare(
      `UPDATE intake_notes SET version = version + 1, text = ?, updated_at = ?
        WHERE id = ? AND version = ? AND removed_at IS NULL`,
    )
    .run(n.text, n.now, n.id, n.version).changes;
  if (changed !== 1) return false;
  db.prepare(
    'INSERT INTO intake_note_versions (note_id, version, text, user_id, at) VALUES (?, ?, ?, ?, ?)',
  ).run(n.id, n.version + 1, n.text, n.userId, n.now);
  return true;
}

export function removeIntakeNote(
  db: Database,
  n: { id: number; version: number; reason: string; userId: number; now: number },
): boolean {
  return (
    db
      .prepare(
        `UPDATE intake_notes SET removed_at = ?, removed_by = ?, removed_reason = ?, updated_at = ?
          WHERE id = ? AND version = ? AND removed_at IS NULL`,
      )
      .run(n.now, n.userId, n.reason, n.now, n.id, n.version).changes === 1
  );
}

export interface NoteVersionRow {
  note_id: number;
  version: number;
  text: string;
  at: number;
  user_name: string | null;
}

export function noteVersions(db: Database, noteIds: readonly number[]): NoteVersionRow[] {
  if (noteIds.length === 0) return [];
  return db
    .prepare(
      `SELECT v.note_id, v.version, v.text, v.at, u.display_name AS user_name
         FROM intake_note_versions v LEFT JOIN users u ON u.id = v.user_id
        WHERE v.note_id IN (SELECT value FROM json_each(?))
        ORDER BY v.note_id, v.version`,
    )
    .all(JSON.stringify(noteIds)) as NoteVersionRow[];
}
