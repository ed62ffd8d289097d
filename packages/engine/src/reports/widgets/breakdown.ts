import type { Num, ReportRow, WidgetRunner } from '../types';
import { and, eq, notIn } from '../logic';
import { aggregate, inPeriod } from './common';
import { measureOf } from './metric';
import { labeller } from '../labels';
import { relatedVisibility } from '../related';

const keyText = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/**
 * The widget's measure per value of its field, largest first: the top `limit` (default 10) and
 * "other" for the rest, each with the filter selecting its records.
 */
export const breakdown: WidgetRunner = async (c) => {
  const via = c.widget.via;
  const related = via ? relatedVisibility(c, via) : null;
  if (via && !related) return { columns: [], rows: [] };
  // With `via` the groups are values of the related record's field (`customer.firstChannel`).
  const field = via ? `${via}.${c.widget.field}` : (c.widget.field ?? 'stage');
  const label = related
    ? labeller(c.spec, related.target, c.store, c.locale).bind(null, c.widget.field ?? '')
    : (value: unknown) => c.label(field, value);
  const { measure, unit } = measureOf(c);
  const period = and(inPeriod(c, c.range), related?.visible);
  const measures =
    measure.op === 'count'
      ? [{ op: 'count' as const }]
      : [
          { op: 'count' as const },
          { op: 'sum' as const, field: measure.field },
          { op: 'filled' as const, field: measure.field },
          measure,
        ];
  const groups = await aggregate(c, period, { by: [{ field }], measures });
  const valueOf = (vals: (number | null)[]) =>
    measure.op === 'count' ? (vals[0] ?? 0) : (vals[3] ?? null);
  const sorted = [...groups].sort(
    (a, b) =>
      (valueOf(b.values) ?? -Infinity) - (valueOf(a.values) ?? -Infinity) ||
      keyText(a.keys[0]).localeCompare(keyText(b.keys[0])),
  );
  const limit = c.widget.limit ?? 10;
  const top = sorted.slice(0, limit);
  const rest = sorted.slice(limit);
  const rows: ReportRow[] = [];
  for (const g of top) {
    const value = g.keys[0] ?? null;
    const filter = and(period, eq(field, value)) ?? {};
    rows.push({
      key: keyText(value),
      label: value === null ? c.text('empty') : await label(value),
      values: {
        value: { value: valueOf(g.values), filter },
        records: { value: g.values[0] ?? 0, filter },
      },
    });
  }
  if (rest.length > 0) {
    const filter =
      and(
        period,
        notIn(
          field,
          top.map((g) => g.keys[0] ?? null),
        ),
      ) ?? {};
    const count = rest.reduce((a, g) => a + (g.values[0] ?? 0), 0);
    let value: number | null = count;
    if (measure.op !== 'count') {
      const sum = rest.reduce((a, g) => a + (g.values[1] ?? 0), 0);
      const filled = rest.reduce((a, g) => a + (g.values[2] ?? 0), 0);
      value =
        measure.op === 'sum'
          ? filled
            ? sum
            : null
          : measure.op === 'avg'
            ? filled
              ? sum / filled
              : null
            : null;
      if (measure.op === 'min' || measure.op === 'max') {
        const vals = rest
          .map((g) => g.values[3])
          .filter((x): x is number => x !== null && x !== undefined);
        value = vals.length ? (measure.op === 'min' ? Math.min(...vals) : Math.max(...vals)) : null;
      }
    }
    const other: Num = { value, filter };
    rows.push({
      key: '$other',
      label: c.text('other'),
      values: { value: other, records: { value: count, filter } },
    });
  }
  if (related && related.visible !== null) {
    // Records whose related record the reader may not read: one row, never under its value.
    const filter = and(inPeriod(c, c.range), { '!': related.visible }) ?? {};
    const [g] = await aggregate(c, filter, { measures });
    if (g && (g.values[0] ?? 0) > 0)
      rows.push({
        key: '$hidden',
        label: c.text('relatedHidden'),
        values: {
          value: { value: valueOf(g.values), filter },
          records: { value: g.values[0] ?? 0, filter },
        },
      });
  }
  return {
    columns: [
      { key: 'value', label: c.text('value'), unit },
      { key: 'records', label: c.text('records'), unit: 'count' },
    ],
    rows,
  };
};
