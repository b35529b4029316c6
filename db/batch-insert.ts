import type { Database } from 'better-sqlite3';

/**
 * Inserts rows `batch` at a time with one multi-row statement: the driver's per-call cost
 * dominates single-row inserts. `add` one row's values in column order; `flush` once at the end
 * (it inserts what is left over).
 */
export function batchInserter(
  db: Database,
  table: string,
  columns: readonly string[],
  batch = 32,
): { add(row: readonly unknown[]): void; flush(): void } {
  const sql = (rows: number) =>
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ` +
    Array(rows)
      .fill(`(${columns.map(() => '?').join(', ')})`)
      .join(', ');
  const full = db.prepare(sql(batch));
  let values: unknown[] = [];
  let rows = 0;
  return {
    add(row) {
      for (const v of row) values.push(v);
      if (++rows === batch) {
        full.run(values);
        values = [];
        rows = 0;
      }
    },
    flush() {
      if (rows) db.prepare(sql(rows)).run(values);
      values = [];
      rows = 0;
    },
  };
}
