import type { Locale } from '../i18n/locale';

/** The unit of a report number (the engine's ReportColumn.unit). */
export type Unit = 'count' | 'money' | 'number' | 'ratio' | 'days' | 'multiple';

const nf = (locale: Locale, opts: Intl.NumberFormatOptions) =>
  new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'zh-CN', opts);

/** A report number as people read it: money in yuan from minor units, ratios as percents. */
export function formatNumber(value: number | null, unit: Unit, locale: Locale): string {
  if (value === null || Number.isNaN(value)) return '—';
  switch (unit) {
    case 'count':
      return nf(locale, { maximumFractionDigits: 0 }).format(value);
    case 'money':
      return nf(locale, { style: 'currency', currency: 'CNY', maximumFractionDigits: 0 }).format(
        value / 100,
      );
    case 'ratio':
      return nf(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
    case 'days':
      return `${nf(locale, { maximumFractionDigits: 1 }).format(value)}${locale === 'en' ? ' d' : ' 天'}`;
    case 'multiple':
      return `${nf(locale, { maximumFractionDigits: 2 }).format(value)}×`;
    default:
      return nf(locale, { maximumFractionDigits: 2 }).format(value);
  }
}

/** The value of a number in chart units (money in yuan). */
export const chartValue = (value: number | null, unit: Unit): number | null =>
  value === null
    ? null
    : unit === 'money'
      ? value / 100
      : // A bar's label shows the value as it is: days and averages to one decimal, as the table.
        Math.round(value * 10) / 10;

/**
 * The unit of one cell: a row's own unit (a before/after row counts leads, a rate or days) fills
 * the columns that take it (unit `number`); a column with a unit of its own keeps it (the
 * before/after change is a rate whatever the row counts).
 */
export const cellUnit = (row: { unit?: Unit }, column: { unit: Unit }): Unit =>
  column.unit === 'number' ? (row.unit ?? column.unit) : column.unit;
