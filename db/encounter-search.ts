import type { Database } from 'better-sqlite3';
import type { EncounterStatus } from '../core/vocab';
import type { EncounterRow } from './encounters';

/** The staff search over encounters: names, reference, agency, dates and status. */

export interface SearchQuery {
  text?: string | undefined;
  agency?: string | undefined;
  fromMs?: number | null;
  toMs?: number | null;
  status?: EncounterStatus | undefined;
  limit: number;
}

/** Above this many matches, sorting them costs more than walking arrivals newest first. */
const SORT_LIMIT = 20_000;

/** The statuses of the partial index `encounters_status` (migration 0030). */
const OPEN_STATUSES = ['expected', 'arrived', 'accepted'] as const;

/** Name words of a search: one-letter words (initials) are too common to look up. */
export const nameWords = (text: string): string[] =>
  text.split(/[\s,]+/).filter((w) => w.length >= 2);

/** `[lo, hi)` bounds matching every NOCASE string that starts with `prefix`. */
const prefixBounds = (prefix: string): [string, string] => [prefix, `${prefix}\u{10FFFF}`];

/**
 * Newest arrival first (index encounters_arrived; expected-only rows, without an arrival, last).
 * Each query shape has an index so a search stays fast at a million encounters:
 * reference exact; each name word a prefix of first or last name; agency exact (a known agency,
 * walking (agency, arrived_at) in order) or a prefix; dates a range on arrived_at.
 */
export function searchEncounters(
  db: Database,
  q: SearchQuery,
): { rows: EncounterRow[]; truncated: boolean } {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  // With a name or agency prefix, the matching rows come from that index and are then sorted
  // (`+arrived_at` stops the planner from walking every arrival to find a rare name).
  let sortMatches = false;
  if (q.text) {
    if (/^H-\d{4}-\d+$/i.test(q.text)) {
      where.push('reference = @ref');
      params.ref = q.text.toUpperCase();
    } else {
      const words = nameWords(q.text);
      const inRange = (col: string, i: number) =>
        `${col} COLLATE NOCASE >= @lo${i} AND ${col} COLLATE NOCASE < @hi${i}`;
      // Counting stops at the limit: we only need to know "few" or "many".
      const countOf = db.prepare(
        `SELECT (SELECT count(*) FROM (SELECT 1 FROM encounters WHERE ${inRange('first_name', 0)} LIMIT ${SORT_LIMIT + 1}))
              + (SELECT count(*) FROM (SELECT 1 FROM encounters WHERE ${inRange('last_name', 0)} LIMIT ${SORT_LIMIT + 1})) AS n`,
      );
      let allCommon = words.length > 0;
      words.forEach((w, i) => {
        const [lo, hi] = prefixBounds(w);
        params[`lo${i}`] = lo;
        params[`hi${i}`] = hi;
        const { n } = countOf.get({ lo0: lo, hi0: hi }) as { n: number };
        if (n > SORT_LIMIT) {
          // A very common prefix: filter while walking arrivals newest first (found at once).
          where.push(`(${inRange('+first_name', i)} OR ${inRange('+last_name', i)})`);
          return;
        }
        allCommon = false;
        // One index range per column, joined by rowid: an OR of two ranges makes the planner
        // scan the table.
        where.push(
          `id IN (SELECT id FROM encounters WHERE ${inRange('first_name', i)}
                  UNION ALL SELECT id FROM encounters WHERE ${inRange('last_name', i)})`,
        );
      });
      if (!allCommon && words.length > 0) sortMatches = true;
    }
  }
  if (q.agency) {
    const known = db
      .prepare('SELECT name FROM agencies WHERE name = ? COLLATE NOCASE')
      .get(q.agency) as { name: string } | undefined;
    if (known) {
      where.push('agency = @agency COLLATE NOCASE');
      params.agency = known.name;
    } else {
      const [lo, hi] = prefixBounds(q.agency);
      const range = (col: string) =>
        `${col} COLLATE NOCASE >= @agencyLo AND ${col} COLLATE NOCASE < @agencyHi`;
      params.agencyLo = lo;
      params.agencyHi = hi;
      // Few matches: take them from the agency index and sort. Many: walk arrivals newest first
      // (`+agency` keeps the planner off the agency index). A covering-index count decides.
      const { n } = db
        .prepare(
          `SELECT count(*) AS n FROM (SELECT 1 FROM encounters WHERE ${range('agency')} LIMIT ${SORT_LIMIT + 1})`,
        )
        .get({ agencyLo: lo, agencyHi: hi }) as { n: number };
      if (n <= SORT_LIMIT) sortMatches = true;
      where.push(range(n <= SORT_LIMIT ? 'agency' : '+agency'));
    }
  }
  if (q.fromMs != null) {
    where.push('arrived_at >= @from');
    params.from = q.fromMs;
  }
  if (q.toMs != null) {
    where.push('arrived_at < @to');
    params.to = q.toMs;
  }
  if (q.status) {
    // The open statuses are a census (a few dozen people): take them from the partial status
    // index and sort. SQLite uses a partial index only when the query repeats its WHERE term
    // word for word, so the literals come from this fixed list, never from the input. Closed
    // statuses are most of the history: walk arrivals newest first (`+status` keeps the planner
    // on the arrival index).
    const open = OPEN_STATUSES.find((s) => s === q.status);
    if (open) {
      where.push(`status IN ('expected','arrived','accepted') AND status = '${open}'`);
      sortMatches = true;
    } else {
      where.push('+status = @status');
      params.status = q.status;
    }
  }
  params.limit = q.limit + 1;
  const rows = db
    .prepare(
      `SELECT * FROM encounters ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${sortMatches ? '+arrived_at' : 'arrived_at'} DESC, id DESC LIMIT @limit`,
    )
    .all(params) as EncounterRow[];
  const truncated = rows.length > q.limit;
  return { rows: truncated ? rows.slice(0, q.limit) : rows, truncated };
}
