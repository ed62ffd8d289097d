import type { LogicIssue } from '../types';

/**
 * A piece of SQL with its parameters, in order: `texts` are the SQL text around each parameter
 * (one more text than parameters). A class, so that no JSON value from an expression or context
 * can ever be mistaken for SQL text. Placeholders are only chosen when the fragment is rendered
 * for a dialect (`?` for SQLite, `$n` for PostgreSQL).
 */
export class Fragment {
  constructor(
    readonly texts: readonly string[],
    readonly params: readonly unknown[],
  ) {}
}

/** SQLite cannot bind booleans: JS true/false are stored and compared as 1/0 (in both dialects). */
const bindable = (v: unknown): unknown => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

/**
 * Tagged template: embedded fragments are spliced in, every other value becomes a parameter.
 * Nothing a user writes is ever concatenated into the SQL text.
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Fragment {
  const texts: string[] = [strings[0] as string];
  const params: unknown[] = [];
  const append = (text: string) => {
    texts[texts.length - 1] += text;
  };
  values.forEach((v, i) => {
    if (v instanceof Fragment) {
      append(v.texts[0] as string);
      for (let j = 0; j < v.params.length; j++) {
        params.push(v.params[j]);
        texts.push(v.texts[j + 1] as string);
      }
    } else {
      params.push(bindable(v));
      texts.push('');
    }
    append(strings[i + 1] as string);
  });
  return new Fragment(texts, params);
}

/** Raw SQL text without parameters (only for text we write ourselves, never user input). */
export const raw = (text: string): Fragment => new Fragment([text], []);

/** Joins fragments with a separator (`' AND '`, `', '`). */
export function join(parts: readonly Fragment[], separator: string): Fragment {
  let out = raw('');
  parts.forEach((p, i) => {
    out = i === 0 ? sql`${out}${p}` : sql`${out}${raw(separator)}${p}`;
  });
  return out;
}

/** Thrown inside the SQL compiler and turned into `{ ok: false, errors }` at its entry. */
export class SqlUnsupported extends Error {
  readonly issue: Omit<LogicIssue, 'message'>;
  constructor(path: string, code: string, params: Record<string, unknown>) {
    super(code);
    this.issue = { path, code, params };
  }
}
