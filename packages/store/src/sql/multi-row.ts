import type { SqlExec } from './exec';

// Rows per statement: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters for the
// widest journal row (14 columns), and few distinct statement texts to prepare and cache.
const ROWS_PER_STATEMENT = 64;

/**
 * Runs `INSERT INTO t (cols) VALUES (...), (...), ...` for many rows: one statement per 64 rows
 * instead of one per row (an import writes thousands of history, ledger and outbox rows per
 * batch; on PostgreSQL each statement is a round trip). `head` is the statement up to VALUES,
 * `tail` what follows the values (`ON CONFLICT ...`, `RETURNING ...`), `row` one row's VALUES tuple
 * when it is more than one `?` per column. Resolves to the rows
 * RETURNING gave, in statement order.
 */
export async function insertRows<R = Record<string, unknown>>(
  x: SqlExec,
  head: string,
  rows: readonly (readonly unknown[])[],
  tail = '',
  row?: string,
): Promise<R[]> {
  const out: R[] = [];
  const width = rows[0]?.length ?? 0;
  const one = row ?? `(${Array.from({ length: width }, () => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    const sql = `${head} VALUES ${Array.from({ length: chunk.length }, () => one).join(', ')}${tail ? ` ${tail}` : ''}`;
    const params = chunk.flat();
    if (tail.includes('RETURNING')) out.push(...(await x.all<R>(sql, params)));
    else await x.run(sql, params);
  }
  return out;
}
