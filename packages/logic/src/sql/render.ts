import type { SqlDialect } from './dialect';
import type { Fragment } from './fragment';

/**
 * The SQL text of a fragment with the dialect's placeholders. `offset` is the number of
 * parameters that come before it in the caller's statement (PostgreSQL numbers them: `$n`).
 */
export function render(
  f: Fragment,
  dialect: SqlDialect,
  offset = 0,
): { sql: string; params: unknown[] } {
  let text = f.texts[0] as string;
  f.params.forEach((p, i) => {
    text += dialect.placeholder(offset + i + 1, p) + (f.texts[i + 1] as string);
  });
  return { sql: text, params: [...f.params] };
}
