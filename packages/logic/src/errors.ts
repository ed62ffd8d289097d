import { message } from './messages';
import type { Locale, LogicIssue } from './types';

/** Thrown by `evaluate` on limit or unknown-operator violations; `tryEvaluate` returns it as a value. */
export class LogicError extends Error {
  readonly code: string;
  readonly path: string;
  readonly params: Record<string, unknown>;
  constructor(code: string, params: Record<string, unknown> = {}, path = '') {
    super(message(code, params, 'en'));
    this.name = 'LogicError';
    this.code = code;
    this.params = params;
    this.path = path;
  }

  /** The error as a LogicIssue with a message in `locale`. */
  toIssue(locale: Locale = 'zh-CN'): LogicIssue {
    return issue(this.path, this.code, this.params, locale);
  }
}

/** Builds a LogicIssue with its localized message. */
export function issue(
  path: string,
  code: string,
  params: Record<string, unknown>,
  locale: Locale = 'zh-CN',
): LogicIssue {
  return { path, code, message: message(code, params, locale), params };
}

/** Appends one RFC 6901 segment to a JSON pointer. */
export function pointer(base: string, segment: string | number): string {
  return `${base}/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
