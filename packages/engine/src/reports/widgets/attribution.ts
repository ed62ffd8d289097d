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
  const wonNow = isIn('stage', won);
  const split = c.widget.split;
  // One read of the period's records, per value and variant: won and revenue are measures of
  // it (their own `where`); the per-value rows are the sums of their variants' rows.
  const read = await aggregate(c, cohort, {
    by: [{ field }, ...(split ? [{ field: split }] : [])],
    measures: [
      { op: 'count' },
      { op: 'count', where: wonNow },
      ...(revenueField ? [{ op: 'sum' as const, field: revenueField, where: wonNow }] : []),
    ],
  });
  type Sums = { value: unknown; leads: number; won: number; revenue: number | null };
  // Keyed by the value's JSON: null and '' stay apart, a list value is compared by content.
  const id = (v: unknown) => JSON.stringify(v ?? null);
  const byValue = new Map<string, Sums>();
  for (const r of read) {
    const value = r.keys[0] ?? null;
    const s = byValue.get(id(value)) ?? { value, leads: 0, won: 0, revenue: null };
    s.leads += r.values[0] ?? 0;
    s.won += r.values[1] ?? 0;
    const revenue = r.values[2];
    if (revenue !== null && revenue !== undefined) s.revenue = (s.revenue ?? 0) + revenue;
    byValue.set(id(value), s);
  }
  const spend = await spendBy(c);
  const threshold = c.widget.threshold ?? DEFAULT_THRESHOLD;
  const rows: ReportRow[] = [];
  for (const g of [...byValue.values()].sort((a, b) => b.leads - a.leads)) {
    const value = g.value;
    const key = text(value);
    const mine = eq(field, value);
    const revenue = revenueField ? (g.revenue ?? 0) : null;
    const cost = c.widget.spend ? (spend.get(key) ?? null) : null;
    const ltvCac = ratio(revenue, cost);
    const values: Record<string, Num> = {
      leads: { value: g.leads, filter: and(cohort, mine) },
      won: { value: g.won, filter: and(wonFilter, mine) },
      conversion: { value: ratio(g.won, g.leads) },
      revenue: { value: revenue, filter: and(wonFilter, mine) },
      spend: { value: cost },
      cac: { value: ratio(cost, g.won) },
      ltv: { value: ratio(revenue, g.won) },
      ltvCac: { value: ltvCac },
    };
    rows.push({
      key,
      label: value === null ? c.text('empty') : await c.label(field, value),
      values,
      ...(ltvCac !== null && ltvCac < threshold ? { flag: true } : {}),
    });
    if (!split) continue;
    const label = rows[rows.length - 1]!.label;
    for (const v of read.filter((r) => id(r.keys[0]) === id(value))) {
      const variant = v.keys[1] ?? null;
      const both = and(mine, eq(split, variant));
      const [n, vw] = [v.values[0] ?? 0, v.values[1] ?? 0];
      rows.push({
        key: `${key}/${text(variant)}`,
        label: `${label} · ${variant === null ? c.text('empty') : await c.label(split, variant)}`,
        values: {
          leads: { value: n, filter: and(cohort, both) },
          won: { value: vw, filter: and(wonFilter, both) },
          conversion: { value: ratio(vw, n) },
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
