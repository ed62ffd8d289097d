import { localized, type Locale } from '@trellis/rules';
import type { FieldSpec } from '@trellis/spec';
import { formMessage } from '../../core/messages';
import { formatMoney } from '../../core/money';

/** A stored value as text for people (read-only inputs and formula fields), in their locale. */
export function displayValue(field: FieldSpec, value: unknown, locale: Locale): string {
  if (value === null || value === undefined || value === '') return formMessage(locale, 'empty');
  const type = field.type === 'formula' ? field.resultType : field.type;
  if (type === 'money' && typeof value === 'number')
    return formatMoney(value, ('currency' in field && field.currency) || 'CNY', locale);
  if (type === 'boolean') return formMessage(locale, value ? 'yes' : 'no');
  if (typeof value === 'number' && (type === 'number' || type === 'percent'))
    return new Intl.NumberFormat(locale).format(value) + (type === 'percent' ? '%' : '');
  if (type === 'datetime' && typeof value === 'number')
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
      value,
    );
  if ((field.type === 'select' || field.type === 'multiselect') && field.options) {
    const label = (v: unknown) =>
      localized(field.options.find((o) => o.value === v)?.label, locale, String(v));
    return Array.isArray(value)
      ? value.map(label).join(locale === 'zh-CN' ? '、' : ', ')
      : label(value);
  }
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** Text of an input for any stored value ("" for empty). */
export function inputText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : String(value);
}

/** A date-time value (epoch ms) as the `datetime-local` input shows it, in local time. */
export function toLocalInput(ms: unknown): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return typeof ms === 'string' ? ms : '';
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` input's text as epoch ms (local time), null when empty. */
export function fromLocalInput(text: string): number | string | null {
  if (text === '') return null;
  const ms = new Date(text).getTime();
  return Number.isNaN(ms) ? text : ms;
}
