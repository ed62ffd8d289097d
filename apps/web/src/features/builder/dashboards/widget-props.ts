import type { WidgetSpec, WidgetType } from '@trellis/spec';

/**
 * Which widget kinds read each setting (docs/reports.md); a setting other kinds ignore is hidden
 * unless it holds a value. Settings not listed here (title, entity, filter, period, span, and
 * any the reports engine adds later) are shown for every kind.
 */
const READ_BY: Record<string, readonly WidgetType[]> = {
  field: ['breakdown', 'attribution', 'timeSeries', 'ratio'],
  measure: ['breakdown', 'timeSeries', 'leaderboard', 'metric', 'attribution'],
  interval: ['timeSeries'],
  limit: ['leaderboard', 'breakdown', 'ratio'],
  basis: ['funnel', 'stageConversion', 'leaderboard'],
  fields: ['dataHealth', 'beforeAfter'],
  spend: ['attribution'],
  split: ['attribution'],
  via: ['breakdown', 'ratio'],
  numerator: ['ratio'],
  denominator: ['ratio'],
  numeratorLabel: ['ratio'],
  denominatorLabel: ['ratio'],
  threshold: ['attribution'],
  before: ['beforeAfter'],
  after: ['beforeAfter'],
  days: ['staleFollowUps'],
};

/** Whether the widget's editor shows `key`. */
export function shownFor(key: string, widget: WidgetSpec): boolean {
  const readers = READ_BY[key];
  return (
    !readers ||
    readers.includes(widget.type) ||
    (widget as unknown as Record<string, unknown>)[key] !== undefined
  );
}
