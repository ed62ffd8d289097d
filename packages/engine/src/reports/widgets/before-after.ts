import type { Measure } from '@trellis/store';
import { and, isIn, within } from '../logic';
import { rangeOf } from '../period';
import type { Num, Range, ReportRow, WidgetCtx, WidgetRunner } from '../types';
import { aggregate, DAY_MS, ratio, stagesOf } from './common';
import { coreFields } from './data-health';

/**
 * The measures of one side over its records: count, each core field filled, and over the won
 * ones (their own `where`) count and the average stage-entry and creation times.
 */
function sideMeasures(c: WidgetCtx): Measure[] {
  const wonNow = isIn('stage', stagesOf(c).won);
  return [
    { op: 'count' },
    ...coreFields(c).map((f) => ({ op: 'filled' as const, field: f })),
    { op: 'count', where: wonNow },
    { op: 'avg', field: 'stageEnteredAt', where: wonNow },
    { op: 'avg', field: 'createdAt', where: wonNow },
  ];
}

/** Leads, won, conversion, cycle days and completeness from one side's measured values. */
function side(c: WidgetCtx, r: Range, values: readonly (number | null)[]): Record<string, Num> {
  const fields = coreFields(c);
  const cohort = and(c.base, within('createdAt', r, false));
  const wonFilter = and(cohort, isIn('stage', stagesOf(c).won));
  const leads = values[0] ?? 0;
  const filled = fields.reduce((a, _, i) => a + (values[i + 1] ?? 0), 0);
  const [wonCount, entered, created] = values.slice(fields.length + 1);
  return {
    leads: { value: leads, filter: cohort ?? {} },
    won: { value: wonCount ?? 0, filter: wonFilter ?? {} },
    conversion: { value: ratio(wonCount ?? 0, leads) },
    cycleDays: {
      value:
        entered !== null && entered !== undefined && created !== null && created !== undefined
          ? (entered - created) / DAY_MS
          : null,
      filter: wonFilter ?? {},
    },
    completeness: { value: fields.length ? ratio(filled, leads * fields.length) : null },
  };
}

/**
 * Both sides' measured values. Two bounded periods one after the other (the previous period and
 * the chosen one) are one read of their records cut in two at the edges; others one read each.
 */
async function measured(
  c: WidgetCtx,
  before: Range | null,
  after: Range,
): Promise<[(number | null)[] | null, (number | null)[]]> {
  const measures = sideMeasures(c);
  const one = async (r: Range) =>
    (await aggregate(c, and(c.base, within('createdAt', r, false)), { measures }))[0]?.values ?? [];
  const [bf, bt, af, at] = [before?.from, before?.to, after.from, after.to];
  if (!before || bf === undefined || bt === undefined || af === undefined || at === undefined)
    return [before ? await one(before) : null, await one(after)];
  if (!(bf < bt && bt <= af && af < at)) return [await one(before), await one(after)];
  const edges = bt === af ? [bf, af, at] : [bf, bt, af, at];
  // The whole span in the filter too: the store plans the read from the filter's range.
  const rows = await aggregate(
    c,
    and(c.base, within('createdAt', { from: bf, to: at, fromDay: null, toDay: null }, false)),
    {
      by: [{ field: 'createdAt', edges }],
      measures,
    },
  );
  const bucket = (i: number) => rows.find((r) => r.keys[0] === i)?.values ?? [];
  return [bucket(0), bucket(edges.length - 2)];
}

/**
 * Two periods side by side (a process change, a new campaign): the widget's fixed `before` and
 * `after`, else the previous period and the chosen one.
 */
export const beforeAfter: WidgetRunner = async (c) => {
  const w = c.widget;
  const before = w.before ? rangeOf(w.before.from, w.before.to, c.timeZone) : c.previous;
  const after = w.after ? rangeOf(w.after.from, w.after.to, c.timeZone) : c.range;
  const [va, vb] = await measured(c, before, after);
  const a = before && va ? side(c, before, va) : null;
  const b = side(c, after, vb);
  const units = {
    leads: 'count',
    won: 'count',
    conversion: 'ratio',
    cycleDays: 'days',
    completeness: 'ratio',
  } as const;
  const rows: ReportRow[] = Object.keys(units).map((k) => {
    const x = a?.[k]?.value ?? null;
    const y = b[k]?.value ?? null;
    return {
      key: k,
      unit: units[k as keyof typeof units],
      label: c.text(k === 'leads' ? 'leads' : k),
      values: {
        before: a?.[k] ?? { value: null },
        after: b[k] ?? { value: null },
        change: { value: x === null || y === null ? null : ratio(y - x, x) },
      },
    };
  });
  return {
    columns: [
      {
        key: 'before',
        label: c.text('before'),
        unit: 'number',
        period: { from: before?.fromDay ?? null, to: before?.toDay ?? null },
      },
      {
        key: 'after',
        label: c.text('after'),
        unit: 'number',
        period: { from: after.fromDay, to: after.toDay },
      },
      { key: 'change', label: c.text('change'), unit: 'ratio' },
    ],
    rows,
  };
};
