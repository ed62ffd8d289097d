import type { LogicIssue } from '../types';

/**
 * A piece of SQL with its positional parameters, in order. A class, so that no JSON value from
 * an expression or context can ever be mistaken for SQL text.
 */
export class Fragment {
  constructor(
    readonly sql: string,
    readonly params: unknown[],
  ) {}
}

/** SQLite cannot bind booleans: JS true/false are stored and compared as 1/0. */
export const bindable = (v: unknown): unknown => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

/**
 * Tagged template: embedded fragments are spliced in, every other value becomes a `?`
 * parameter. Nothing a user writes is ever concatenated into the SQL text.
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Fragment {
  let text = strings[0] as string;
  const params: unknown[] = [];
  values.forEach((v, i) => {
    if (v instanceof Fragment) {
      text += v.sql;
      params.push(...v.params);
    } else {
      text += '?';
      params.push(bindable(v));
    }
    text += strings[i + 1] as string;
  });
  return new Fragment(text, params);
}

/** Raw SQL text without parameters (only for text we write ourselves, never user input). */
export const raw = (text: string): Fragment => new Fragment(text, []);

export const TRUE = raw('1');
export const FALSE = raw('0');
export const constant = (b: boolean): Fragment => (b ? TRUE : FALSE);

/** Joins fragments with a separator (`' AND '`, `', '`). */
export function join(parts: Fragment[], separator: string): Fragment {
  return new Fragment(
    parts.map((p) => p.sql).join(separator),
    parts.flatMap((p) => p.params),
  );
}

/** Thrown inside the SQL compiler and turned into `{ ok: false, errors }` at its entry. */
export class SqlUnsupported extends Error {
  readonly issue: Omit<LogicIssue, 'message'>;
  constructor(path: string, code: string, params: Record<string, unknown>) {
    super(code);
    this.issue = { path, code, params };
  }
}
