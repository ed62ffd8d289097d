import { and, within } from '../logic';
import { bucketEdges, dayOf, windowRange, type Interval } from '../period';
import type { ReportRow, WidgetRunner } from '../types';
import { aggregate, timeField } from './common';
import { measureOf } from './metric';

/**
 * The measure per day, Monday week or month of the widget's time field (default createdAt),
 * cut on the wall clock of the time zone; every bucket of the period appears, empty ones 0.
 * Without a bounded period the buckets span the records' own first and last times.
 */
export const timeSeries: WidgetRunner = async (c) => {
  const interval: Interval = c.widget.interval ?? 'week';
  const t = timeField(c);
  const { measure, unit } = measureOf(c);
  let { from, to } = c.range;
  if (t.dateField && (from === undefined || to === undefined)) {
    // A date field has no instant to start from: the last twelve months.
    const r = windowRange('1y', c.now, c.timeZone);
    from ??= r.from;
    to ??= r.to;
  }
  if (from === undefined || to === undefined) {
    const [span] = await aggregate(c, and(c.base, within(t.field, c.range, t.dateField)), {
      measures: [
        { op: 'min', field: t.field },
        { op: 'max', field: t.field },
      ],
    });
    const min = span?.values[0];
    const max = span?.values[1];
    if (typeof min !== 'number' || typeof max !== 'number')
      return { columns: [{ key: 'value', label: c.text('value'), unit }], rows: [] };
    from ??= min;
    to ??= max + 1;
  }
  const edges = bucketEdges(from, to, interval, c.timeZone);
  const days = edges.map((e) => dayOf(e, c.timeZone));
  const cut = t.dateField ? days : edges;
  // Buckets at the edges of the period hold only its part of them.
  const scoped = and(c.base, within(t.field, c.range, t.dateField));
  const groups = await aggregate(c, scoped, {
    by: [{ field: t.field, edges: cut }],
    measures: [measure],
  });
  const byBucket = new Map(groups.map((g) => [g.keys[0] as number, g.values[0] ?? null]));
  const rows: ReportRow[] = days.slice(0, -1).map((day, i) => {
    const filter = and(
      scoped,
      { '>=': [{ var: t.field }, cut[i]] },
      { '<': [{ var: t.field }, cut[i + 1]] },
    );
    const empty = measure.op === 'count' ? 0 : null;
    return { key: day, label: day, values: { value: { value: byBucket.get(i) ?? empty, filter } } };
  });
  return { columns: [{ key: 'value', label: c.text('value'), unit }], rows };
};
