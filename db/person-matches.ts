import type { Database } from 'better-sqlite3';
import { POSSIBLE_MATCHES_LIMIT, type PossibleMatchView } from '../core/contract/interchange';
import type { UtcRange } from '../core/reports/range';

const ordered = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

export function decideMatch(
  db: Database,
  keyA: string,
  keyB: string,
  decision: 'same' | 'different' | null,
  userId: number,
  now: number,
): void {
  const [a, b] = ordered(keyA, keyB);
  if (decision === null) {
    db.prepare('DELETE FROM person_match_decisions WHERE key_a = ? AND key_b = ?').run(a, b);
    return;
  }
  db.prepare(
    `INSERT INTO person_match_decisions (key_a, key_b, decision, decided_by, decided_at)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(key_a, key_b) DO UPDATE SET decision = excluded.decision,
       decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
  ).run(a, b, decision, userId, now);
}

/**
 * person key → the key it stands for, from every "same person" decision (union-find, so
 * A=B and B=C put all three under one key). Small: one entry per decision.
 */
export function personAliases(db: Database): Record<string, string> {
  const pairs = db
    .prepare(`SELECT key_a, key_b FROM person_match_decisions WHERE decision = 'same'`)
    .all() as { key_a: string; key_b: string }[];
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let r = k;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  for (const { key_a, key_b } of pairs) {
    const ra = find(key_a);
    const rb = find(key_b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  const out: Record<string, string> = {};
  for (const k of parent.keys()) {
    const root = find(k);
    if (root !== k) out[k] = root;
  }
  return out;
}

/**
 * Pairs of people in range who may be one person recorded two ways: same last name and date of
 * birth with a different first name, or same names with a different date of birth; only pairs
 * with 3 or more visits between them matter for the repeat-visit list. Open pairs first, then
 * most visits; at most `limit` (db/reports-direct.ts possibleMatchesDirect: the same, all pairs).
 *
 * Bounded by what a pair needs rather than by the range (migration 0110): one of the two has 2+
 * visits in range (person_returns), and the other shares a key prefix "first|last|" (person
 * index) or "last|date of birth" (people) with them. The work is the people with 2+ visits in
 * range times the people sharing a name with each, not the encounters in range.
 */
export function possibleMatches(
  db: Database,
  range: UtcRange,
  limit = POSSIBLE_MATCHES_LIMIT,
): PossibleMatchView[] {
  const visits = (k: string) =>
    `(SELECT count(*) FROM encounters INDEXED BY encounters_person
       WHERE person_key = ${k} AND arrived_at >= @start AND arrived_at < @end)`;
  const name = (k: string) =>
    `(SELECT max(first_name) || ' ' || max(last_name) FROM encounters INDEXED BY encounters_person
       WHERE person_key = ${k} AND arrived_at >= @start AND arrived_at < @end)`;
  const dob = (k: string) => `substr(${k}, length(rtrim(${k}, '0123456789-')) + 1)`;
  return db
    .prepare(
      `WITH frequent AS MATERIALIZED (
         SELECT person_key AS k, substr(person_key, instr(person_key, '|') + 1) AS ld
           FROM person_returns
          WHERE arrived_at >= @start AND arrived_at < @end AND prev_at >= @start
          GROUP BY person_key),
       named AS MATERIALIZED (
         SELECT k, ld, substr(k, 1, instr(k, '|') + instr(ld, '|') - 1) AS fl FROM frequent),
       pairs AS (
         SELECT a.k AS x, e.person_key AS y FROM named a
           JOIN encounters e INDEXED BY encounters_person
             ON e.person_key > a.fl || '|' AND e.person_key < a.fl || '}'
            AND e.arrived_at >= @start AND e.arrived_at < @end
          WHERE e.person_key <> a.k
         UNION
         SELECT a.k, p.person_key FROM named a JOIN people p ON p.last_dob = a.ld
          WHERE p.person_key <> a.k),
       ordered AS (SELECT DISTINCT min(x, y) AS ka, max(x, y) AS kb FROM pairs),
       counted AS (SELECT ka, kb, ${visits('ka')} AS na, ${visits('kb')} AS nb FROM ordered),
       top AS (
         SELECT c.ka, c.kb, c.na, c.nb, m.decision FROM counted c
           LEFT JOIN person_match_decisions m ON m.key_a = c.ka AND m.key_b = c.kb
          WHERE c.na > 0 AND c.nb > 0 AND c.na + c.nb >= 3
          ORDER BY m.decision IS NOT NULL, c.na + c.nb DESC, c.ka, c.kb
          LIMIT @limit)
       SELECT ka AS keyA, kb AS keyB, ${name('ka')} AS nameA, ${name('kb')} AS nameB,
              ${dob('ka')} AS dateOfBirthA, ${dob('kb')} AS dateOfBirthB,
              na AS visitsA, nb AS visitsB, decision
         FROM top
        ORDER BY decision IS NOT NULL, na + nb DESC, ka, kb`,
    )
    .all({ start: range.startMs, end: range.endMs, limit }) as PossibleMatchView[];
}
