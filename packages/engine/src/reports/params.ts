import { isTimeZone } from '@trellis/logic';
import type { FieldError, Failure } from '../i18n/errors';
import type { Locale } from '../ports';
import { reportText } from './messages';
import { isDay, daysBetween } from './period';
import type { ReportQuery } from './types';

const MAX_DAYS = 3700;

/** A localized invalid_input failure naming each bad parameter. */
function badInput(locale: Locale, errors: FieldError[]): Failure {
  return {
    ok: false,
    error: { code: 'invalid_input', message: reportText(locale, 'badParameters'), errors },
  };
}

/** Checks a report query: real days, from <= to, a known time zone, a bounded span. */
export function checkQuery(q: ReportQuery, locale: Locale): Failure | null {
  const errors: FieldError[] = [];
  const err = (path: string, code: string, key: string, params: Record<string, unknown>) =>
    errors.push({ path, code, message: reportText(locale, key, params) });
  for (const side of ['from', 'to'] as const) {
    const v = q[side];
    if (v !== undefined && !isDay(v)) err(`/${side}`, 'invalid_date', 'badDay', { value: v });
  }
  if (q.timeZone !== undefined && !isTimeZone(q.timeZone))
    err('/timeZone', 'invalid_time_zone', 'badTimeZone', { value: q.timeZone });
  if (errors.length === 0 && q.from && q.to) {
    if (q.from > q.to) err('/to', 'invalid_range', 'badOrder', { from: q.from, to: q.to });
    else if (daysBetween(q.from, q.to) > MAX_DAYS)
      err('/to', 'invalid_range', 'tooLong', { max: MAX_DAYS });
  }
  return errors.length ? badInput(locale, errors) : null;
}
