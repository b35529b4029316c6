import type { Database } from 'better-sqlite3';
import type { PossibleMatchView } from '../core/contract/interchange';
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
 * with 3 or more visits between them matter for the repeat-visit list.
 */
export function possibleMatches(db: Database, range: UtcRange, limit = 200): PossibleMatchView[] {
  // Pairs are sought from people with 2+ visits only (a pair needs 3 visits between them), by
  // two equality joins the planner can index, instead of comparing every pair of people.
  return db
    .prepare(
      `WITH people AS MATERIALIZED (
         SELECT person_key AS k, lower(trim(first_name)) AS f, lower(trim(last_name)) AS l,
                date_of_birth AS d, max(first_name) || ' ' || max(last_name) AS name, count(*) AS n
           FROM encounters
          WHERE arrived_at >= @start AND arrived_at < @end AND person_key IS NOT NULL
          GROUP BY person_key),
       frequent AS MATERIALIZED (SELECT * FROM people WHERE n >= 2),
       pairs AS (
         SELECT a.k AS x, b.k AS y FROM frequent a JOIN people b
             ON b.l = a.l AND b.d = a.d AND b.k <> a.k
         UNION
         SELECT a.k, b.k FROM frequent a JOIN people b
             ON b.f = a.f AND b.l = a.l AND b.k <> a.k),
       ordered AS (SELECT DISTINCT min(x, y) AS ka, max(x, y) AS kb FROM pairs)
       SELECT a.k AS keyA, b.k AS keyB, a.name AS nameA, b.name AS nameB,
              a.d AS dateOfBirthA, b.d AS dateOfBirthB, a.n AS visitsA, b.n AS visitsB,
              m.decision AS decision
         FROM ordered o JOIN people a ON a.k = o.ka JOIN people b ON b.k = o.kb
         LEFT JOIN person_match_decisions m ON m.key_a = a.k AND m.key_b = b.k
        WHERE a.n + b.n >= 3
        ORDER BY m.decision IS NOT NULL, a.n + b.n DESC, a.k
        LIMIT @limit`,
    )
    .all({ start: range.startMs, end: range.endMs, limit }) as PossibleMatchView[];
}
