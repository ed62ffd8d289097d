import type { SqlDialect } from './dialect';
import type { Fragment } from './fragment';

/**
 * The SQL text of a fragment with the dialect's placeholders. `offset` is the number of
 * parameters that come before it in the caller's statement (PostgreSQL numbers them: `$n`);
 * `positional` writes `?` (with the dialect's casts) for a caller that numbers them itself.
 */
export function render(
  f: Fragment,
  dialect: SqlDialect,
  offset = 0,
  positional = false,
): { sql: string; params: unknown[] } {
  let text = f.texts[0] as string;
  f.params.forEach((p, i) => {
    const mark = dialect.numbered && !positional ? `$${offset + i + 1}` : '?';
    text += mark + dialect.cast(p) + (f.texts[i + 1] as string);
  });
  return { sql: text, params: [...f.params] };
}
