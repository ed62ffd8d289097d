import type { SqlExec } from './exec';

// Rows per statement: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters for the
// widest journal row (14 columns), and few distinct statement texts to prepare and cache.
const ROWS_PER_STATEMENT = 64;

/**
 * Statement texts by shape (head, tail, row tuple) and row count. Every shape comes from the
 * code (a table's columns), so the map stays small. Built once: a create writes its history
 * and transition through here, and building the text (two Array.from, a join, a flat) was ~3 %
 * of an engine create on SQLite.
 */
const texts = new Map<string, string[]>();

function statementText(head: string, tail: string, one: string, rows: number): string {
  const key = `${head}\u0000${tail}\u0000${one}`;
  let byCount = texts.get(key);
  if (!byCount) texts.set(key, (byCount = []));
  return (byCount[rows] ??=
    `${head} VALUES ${new Array<string>(rows).fill(one).join(', ')}${tail ? ` ${tail}` : ''}`);
}

/** `(?, ?, ?)` for rows of `width` values. */
const tuples: string[] = [];
function tuple(width: number): string {
  return (tuples[width] ??= `(${new Array<string>(width).fill('?').join(', ')})`);
}

/** The parameters of rows `from` to `to` in one list. */
function flatParams(rows: readonly (readonly unknown[])[], from: number, to: number): unknown[] {
  const out: unknown[] = [];
  for (let i = from; i < to; i++) for (const v of rows[i]!) out.push(v);
  return out;
}

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
  const one = row ?? tuple(rows[0]?.length ?? 0);
  const returning = tail.includes('RETURNING');
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const end = Math.min(rows.length, i + ROWS_PER_STATEMENT);
    const sql = statementText(head, tail, one, end - i);
    // One row (a single create's history or transition) is its own parameter list.
    const params = end - i === 1 ? rows[i]! : flatParams(rows, i, end);
    if (returning) out.push(...(await x.all<R>(sql, params)));
    else await x.run(sql, params);
  }
  return out;
}
