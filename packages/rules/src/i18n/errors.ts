import type { FieldError, Locale } from '../types';
import { ruleMessage, type RuleMessageKey } from './messages';

/** Builds one field error with a rule-catalogue message. */
export function fieldError(
  locale: Locale,
  path: string,
  code: string,
  key: RuleMessageKey,
  params: Record<string, unknown> = {},
): FieldError {
  return { path, code, message: ruleMessage(locale, key, params), params };
}

/** JSON pointer for a field key (escaping per RFC 6901). */
export function pointer(...parts: (string | number)[]): string {
  return parts.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
