import type { Locale } from '../ports';
import { reportText } from './messages';
import type { ReportRow, Unit, WidgetReport } from './types';

/** Rows of one widget a digest shows; the rest are counted ("… and 3 more rows"). */
const MAX_ROWS = 10;

/** A number of a report as a chat or e-mail line shows it, in the reader's language. */
function digestNumber(value: number | null, unit: Unit, locale: Locale): string {
  if (value === null) return '—';
  const fmt = (n: number, digits: number) =>
    n.toLocaleString(locale === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: digits });
  if (unit === 'ratio') return `${fmt(value * 100, 1)}%`;
  if (unit === 'money') return `¥${fmt(value, 0)}`;
  if (unit === 'multiple') return `${fmt(value, 2)}×`;
  return fmt(value, unit === 'count' ? 0 : 1);
}

function widgetLines(w: WidgetReport, locale: Locale): string[] {
  const lines = [`■ ${w.title}`];
  if (w.note) return [...lines, w.note];
  if (w.rows.length === 0) return [...lines, reportText(locale, 'digestNone')];
  const line = (row: ReportRow) => {
    const cells = w.columns.map((c) => {
      const v = digestNumber(row.values[c.key]?.value ?? null, row.unit ?? c.unit, locale);
      return w.columns.length === 1 ? v : `${c.label} ${v}`;
    });
    // A one-number widget's row is the widget itself: its title is the heading already.
    const label = row.label && row.label !== w.title ? row.label : '';
    return label
      ? `${label}${locale === 'en' ? ': ' : '：'}${cells.join(' · ')}`
      : cells.join(' · ');
  };
  for (const row of w.rows.slice(0, MAX_ROWS)) lines.push(line(row));
  if (w.rows.length > MAX_ROWS)
    lines.push(reportText(locale, 'digestMore', { n: w.rows.length - MAX_ROWS }));
  // A leaderboard's records without an owner: after the ranking, not in it.
  if (w.unowned) lines.push(line(w.unowned));
  return lines;
}

/**
 * A dashboard as a message for a robot, an e-mail or a notification: the title names the dashboard
 * and the period (a robot's first line, an e-mail's subject), the text is each widget's rows (at
 * most ten) with their numbers in the reader's language — the title is not repeated in the text.
 */
export function digestMessage(
  dashboard: string,
  widgets: WidgetReport[],
  period: { from: string; to: string },
  locale: Locale,
): { title: string; text: string } {
  return {
    title: reportText(locale, 'digestHead', { dashboard, ...period }),
    text: widgets.map((w) => widgetLines(w, locale).join('\n')).join('\n\n'),
  };
}
