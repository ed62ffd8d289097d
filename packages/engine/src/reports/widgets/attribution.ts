import { and, eq, isIn, within } from '../logic';
import type { Num, ReportRow, WidgetCtx, WidgetRunner } from '../types';
import { aggregate, ratio, recordsLabel, stagesOf } from './common';

const DEFAULT_THRESHOLD = 2.5;
const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** Spend per value of the spend entity's key field, under the reader's scope of that entity. */
async function spendBy(c: WidgetCtx): Promise<Map<string, number>> {
  const s = c.widget.spend;
  if (!s) return new Map();
  const rows = await aggregate(
    c,
    null,
    { by: [{ field: s.key }], measures: [{ op: 'sum', field: s.field }] },
    s.entity,
  );
  return new Map(rows.map((r) => [text(r.keys[0]), r.values[0] ?? 0]));
}

/**
 * Per campaign or channel (the widget's field) over the records created in the period: leads,
 * won, conversion, won revenue (the widget's sum measure over the won records), spend (from the
 * spend entity), CAC = spend / won, LTV = revenue / won, LTV/CAC flagged under the threshold;
 * with `split`, each group's variants (A/B) follow it with leads, won and conversion.
 */
export const attribution: WidgetRunner = async (c) => {
  const field = c.widget.field ?? 'source';
  const { won } = stagesOf(c);
  const cohort = and(c.base, within('createdAt', c.range, false));
  const wonFilter = and(cohort, isIn('stage', won));
  const revenueField = c.widget.measure?.op === 'sum' ? c.widget.measure.field : undefined;
  const leads = await aggregate(c, cohort, { by: [{ field }], measures: [{ op: 'count' }] });
  const wins = new Map(
    (
      await aggregate(c, wonFilter, {
        by: [{ field }],
        measures: [
          { op: 'count' },
          ...(revenueField ? [{ op: 'sum' as const, field: revenueField }] : []),
        ],
      })
    ).map((r) => [text(r.keys[0]), r.values]),
  );
  const spend = await spendBy(c);
  const threshold = c.widget.threshold ?? DEFAULT_THRESHOLD;
  const splits = c.widget.split
    ? await aggregate(c, cohort, {
        by: [{ field }, { field: c.widget.split }],
        measures: [{ op: 'count' }],
      })
    : [];
  const splitWins = c.widget.split
    ? await aggregate(c, wonFilter, {
        by: [{ field }, { field: c.widget.split }],
        measures: [{ op: 'count' }],
      })
    : [];
  const rows: ReportRow[] = [];
  const sorted = [...leads].sort((a, b) => (b.values[0] ?? 0) - (a.values[0] ?? 0));
  for (const g of sorted) {
    const value = g.keys[0] ?? null;
    const key = text(value);
    const mine = eq(field, value);
    const w = wins.get(key);
    const wonCount = w?.[0] ?? 0;
    const revenue = revenueField ? (w?.[1] ?? 0) : null;
    const cost = c.widget.spend ? (spend.get(key) ?? null) : null;
    const ltvCac = ratio(revenue, cost);
    const values: Record<string, Num> = {
      leads: { value: g.values[0] ?? 0, filter: and(cohort, mine) },
      won: { value: wonCount, filter: and(wonFilter, mine) },
      conversion: { value: ratio(wonCount, g.values[0] ?? 0) },
      revenue: { value: revenue, filter: and(wonFilter, mine) },
      spend: { value: cost },
      cac: { value: ratio(cost, wonCount) },
      ltv: { value: ratio(revenue, wonCount) },
      ltvCac: { value: ltvCac },
    };
    rows.push({
      key,
      label: value === null ? c.text('empty') : await c.label(field, value),
      values,
      ...(ltvCac !== null && ltvCac < threshold ? { flag: true } : {}),
    });
    for (const v of splits.filter((s) => text(s.keys[0]) === key)) {
      const variant = v.keys[1] ?? null;
      const both = and(mine, eq(c.widget.split!, variant));
      const vw =
        splitWins.find((s) => text(s.keys[0]) === key && text(s.keys[1]) === text(variant))
          ?.values[0] ?? 0;
      rows.push({
        key: `${key}/${text(variant)}`,
        label: `${rows[rows.length - 1]!.label} · ${variant === null ? c.text('empty') : await c.label(c.widget.split!, variant)}`,
        values: {
          leads: { value: v.values[0] ?? 0, filter: and(cohort, both) },
          won: { value: vw, filter: and(wonFilter, both) },
          conversion: { value: ratio(vw, v.values[0] ?? 0) },
        },
      });
    }
  }
  const money = 'money' as const;
  return {
    columns: [
      { key: 'leads', label: recordsLabel(c), unit: 'count' },
      { key: 'won', label: c.text('won'), unit: 'count' },
      { key: 'conversion', label: c.text('conversion'), unit: 'ratio' },
      ...(revenueField ? [{ key: 'revenue', label: c.text('revenue'), unit: money }] : []),
      ...(c.widget.spend
        ? [
            { key: 'spend', label: c.text('spend'), unit: money },
            { key: 'cac', label: c.text('cac'), unit: money },
          ]
        : []),
      ...(revenueField ? [{ key: 'ltv', label: c.text('ltv'), unit: money }] : []),
      ...(revenueField && c.widget.spend
        ? [{ key: 'ltvCac', label: c.text('ltvCac'), unit: 'multiple' as const }]
        : []),
    ],
    rows,
  };
};
