import { and, isIn, within } from '../logic';
import { rangeOf } from '../period';
import type { Num, Range, ReportRow, WidgetCtx, WidgetRunner } from '../types';
import { aggregate, DAY_MS, ratio, stagesOf } from './common';
import { coreFields } from './data-health';

/** Leads, won, conversion, cycle days and completeness of the records created in one range. */
async function side(c: WidgetCtx, r: Range): Promise<Record<string, Num>> {
  const { won } = stagesOf(c);
  const fields = coreFields(c);
  const cohort = and(c.base, within('createdAt', r, false));
  const wonFilter = and(cohort, isIn('stage', won));
  const [all] = await aggregate(c, cohort, {
    measures: [{ op: 'count' }, ...fields.map((f) => ({ op: 'filled' as const, field: f }))],
  });
  const [w] = await aggregate(c, wonFilter, {
    measures: [
      { op: 'count' },
      { op: 'avg', field: 'stageEnteredAt' },
      { op: 'avg', field: 'createdAt' },
    ],
  });
  const leads = all?.values[0] ?? 0;
  const filled = fields.reduce((a, _, i) => a + (all?.values[i + 1] ?? 0), 0);
  const wonCount = w?.values[0] ?? 0;
  const [entered, created] = [w?.values[1] ?? null, w?.values[2] ?? null];
  return {
    leads: { value: leads, filter: cohort ?? {} },
    won: { value: wonCount, filter: wonFilter ?? {} },
    conversion: { value: ratio(wonCount, leads) },
    cycleDays: {
      value: entered !== null && created !== null ? (entered - created) / DAY_MS : null,
      filter: wonFilter ?? {},
    },
    completeness: { value: fields.length ? ratio(filled, leads * fields.length) : null },
  };
}

/**
 * Two periods side by side (a process change, a new campaign): the widget's fixed `before` and
 * `after`, else the previous period and the chosen one.
 */
export const beforeAfter: WidgetRunner = async (c) => {
  const w = c.widget;
  const before = w.before ? rangeOf(w.before.from, w.before.to, c.timeZone) : c.previous;
  const after = w.after ? rangeOf(w.after.from, w.after.to, c.timeZone) : c.range;
  const a = before ? await side(c, before) : null;
  const b = await side(c, after);
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
        label: `${c.text('before')} ${before?.fromDay ?? ''}–${before?.toDay ?? ''}`,
        unit: 'number',
      },
      {
        key: 'after',
        label: `${c.text('after')} ${after.fromDay ?? ''}–${after.toDay ?? ''}`,
        unit: 'number',
      },
      { key: 'change', label: c.text('change'), unit: 'ratio' },
    ],
    rows,
  };
};
