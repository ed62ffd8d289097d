import type { ColumnInfo } from '../entity/entity-table';

export type SortKey = { col: ColumnInfo; dir: 'asc' | 'desc' };

/** The part of a sort key the SQL builders read (a system table's key has no ColumnInfo). */
type KeyColumn = { col: Pick<ColumnInfo, 'column' | 'notNull'>; dir: 'asc' | 'desc' };

/** ORDER BY clause for the sort keys (the last key is always the unique id). */
export function orderBy(keys: readonly KeyColumn[]): string {
  return keys.map((k) => `${k.col.column} ${k.dir === 'asc' ? 'ASC' : 'DESC'}`).join(', ');
}

/**
 * WHERE clause selecting rows strictly after `values` in the order of `keys`. SQLite sorts NULL
 * first ascending and last descending; the comparisons below follow that so pages never skip
 * or repeat rows, even with NULLs and equal sort values.
 */
export function afterCursor(
  keys: readonly KeyColumn[],
  values: readonly unknown[],
): { sql: string; params: unknown[] } {
  const ors: string[] = [];
  const params: unknown[] = [];
  for (let i = 0; i < keys.length; i++) {
    const local: unknown[] = [];
    const after = gt(keys[i] as KeyColumn, values[i], local);
    if (after === null) continue;
    const parts: string[] = [];
    const eqParams: unknown[] = [];
    for (let j = 0; j < i; j++) parts.push(eq(keys[j] as KeyColumn, values[j], eqParams));
    parts.push(after);
    params.push(...eqParams, ...local);
    ors.push(`(${parts.join(' AND ')})`);
  }
  if (!ors.length) return { sql: '1 = 0', params };
  // A plain range on the first key lets SQLite seek in an index instead of scanning.
  const first = keys[0] as KeyColumn;
  const v0 = values[0];
  const bound =
    v0 !== null && (first.dir === 'asc' || first.col.notNull)
      ? `${first.col.column} ${first.dir === 'asc' ? '>=' : '<='} ? AND `
      : '';
  return { sql: `(${bound}(${ors.join(' OR ')}))`, params: bound ? [v0, ...params] : params };
}

function eq(k: KeyColumn, v: unknown, params: unknown[]): string {
  if (v === null) return `${k.col.column} IS NULL`;
  params.push(v);
  return `${k.col.column} = ?`;
}

function gt(k: KeyColumn, v: unknown, params: unknown[]): string | null {
  const c = k.col.column;
  if (k.dir === 'asc') {
    if (v === null) return `${c} IS NOT NULL`;
    params.push(v);
    return `${c} > ?`;
  }
  if (v === null) return null; // nothing sorts after NULL when descending
  params.push(v);
  return k.col.notNull ? `${c} < ?` : `(${c} < ? OR ${c} IS NULL)`;
}

/** Opaque cursor: the sort signature plus the raw column values of the last row. */
export function encodeCursor(signature: string, values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify([signature, values]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, signature: string, arity: number): unknown[] | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      !Array.isArray(parsed) ||
      parsed[0] !== signature ||
      !Array.isArray(parsed[1]) ||
      parsed[1].length !== arity
    )
      return null;
    const values = parsed[1] as unknown[];
    return values.every((v) => v === null || typeof v === 'string' || typeof v === 'number')
      ? values
      : null;
  } catch {
    return null;
  }
}
