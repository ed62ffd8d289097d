import { getEntity, localize } from '@trellis/spec';
import type { Num, Range, ReportRow, WidgetCtx, WidgetRunner } from '../types';
import { and, eq, notIn } from '../logic';
import { labeller } from '../labels';
import { relatedVisibility } from '../related';
import { aggregate, inPeriod, ratio as divide } from './common';

const keyText = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** The two counts of one row and their quotient, each count with the filter of its records. */
function sides(top: Num, bottom: Num): Record<string, Num> {
  return { rate: { value: divide(top.value, bottom.value) }, numerator: top, denominator: bottom };
}

/** Both sides counted over `where` (the period, plus a group's condition): [numerator, denominator]. */
async function counted(c: WidgetCtx, where: unknown): Promise<[Num, Num]> {
  const out: Num[] = [];
  for (const side of [c.widget.numerator, c.widget.denominator]) {
    const filter = and(where, side);
    const [row] = await aggregate(c, filter, { measures: [{ op: 'count' }] });
    out.push({ value: row?.values[0] ?? 0, filter: filter ?? {} });
  }
  return out as [Num, Num];
}

/** One rate for the range; with a previous range, its rate and the change in points. */
async function single(c: WidgetCtx): Promise<ReportRow[]> {
  const at = async (r: Range | null) => sides(...(await counted(c, inPeriod(c, r))));
  const values = await at(c.range);
  if (c.previous) {
    const before = await at(c.previous);
    values.previous = before.rate!;
    const now = values.rate!.value;
    const then = before.rate!.value;
    // In points of the rate (20 % → 25 % is +5 %), not relative to it as a metric's change.
    values.change = { value: now === null || then === null ? null : now - then };
  }
  return [{ key: 'value', label: '', values }];
}

/**
 * One rate per value of `field` (or of a related record's field, `via`): the `limit` values with
 * the most records below the line first, "other" for the rest, and with `via` the records whose
 * related record the reader may not read in a row of their own, as breakdown does.
 */
async function grouped(c: WidgetCtx): Promise<ReportRow[] | null> {
  const via = c.widget.via;
  const related = via ? relatedVisibility(c, via) : null;
  if (via && !related) return null;
  const field = via ? `${via}.${c.widget.field}` : c.widget.field!;
  const label = related
    ? labeller(c.spec, related.target, c.store, c.locale).bind(null, c.widget.field ?? '')
    : (value: unknown) => c.label(field, value);
  const period = and(inPeriod(c, c.range), related?.visible);
  const count = async (side: unknown) => {
    const rows = await aggregate(c, and(period, side), {
      by: [{ field }],
      measures: [{ op: 'count' }],
    });
    return new Map(rows.map((r) => [keyText(r.keys[0]), [r.keys[0] ?? null, r.values[0] ?? 0]]));
  };
  const top = await count(c.widget.numerator);
  const bottom = await count(c.widget.denominator);
  const keys = [...new Set([...bottom.keys(), ...top.keys()])];
  const n = (m: Map<string, unknown[]>, k: string) => (m.get(k)?.[1] as number | undefined) ?? 0;
  keys.sort((a, b) => n(bottom, b) - n(bottom, a) || n(top, b) - n(top, a) || a.localeCompare(b));
  const limit = c.widget.limit ?? 10;
  const valueOf = (k: string) => (bottom.get(k) ?? top.get(k))![0];
  const side = (where: unknown, cond: unknown, value: number): Num => ({
    value,
    filter: and(where, cond) ?? {},
  });
  const rows: ReportRow[] = [];
  for (const k of keys.slice(0, limit)) {
    const value = valueOf(k);
    const where = and(period, eq(field, value));
    rows.push({
      key: k,
      label: value === null ? c.text('empty') : await label(value),
      values: sides(
        side(where, c.widget.numerator, n(top, k)),
        side(where, c.widget.denominator, n(bottom, k)),
      ),
    });
  }
  const rest = keys.slice(limit);
  if (rest.length > 0) {
    const where = and(period, notIn(field, keys.slice(0, limit).map(valueOf)));
    const sum = (m: Map<string, unknown[]>) => rest.reduce((a, k) => a + n(m, k), 0);
    rows.push({
      key: '$other',
      label: c.text('other'),
      values: sides(
        side(where, c.widget.numerator, sum(top)),
        side(where, c.widget.denominator, sum(bottom)),
      ),
    });
  }
  if (related && related.visible !== null) {
    // Records whose related record the reader may not read: one row, never under its value.
    const [a, b] = await counted(c, and(inPeriod(c, c.range), { '!': related.visible }));
    if ((a.value ?? 0) + (b.value ?? 0) > 0)
      rows.push({ key: '$hidden', label: c.text('relatedHidden'), values: sides(a, b) });
  }
  return rows;
}

/**
 * The header of one count: the widget's `numeratorLabel` / `denominatorLabel`, else words naming
 * the records it counts ("Matching deals", "Total deals"), never "numerator".
 */
function sideLabel(c: WidgetCtx, side: 'numerator' | 'denominator'): string {
  const own = c.widget[`${side}Label`];
  if (own) return localize(own, c.locale);
  const e = getEntity(c.spec, c.entity);
  const names = e ? localize(e.pluralLabel ?? e.label, c.locale) : c.entity;
  const key = side === 'denominator' && c.widget.denominator !== undefined ? 'denominatorOf' : side;
  return c.text(key, { entities: names });
}

/**
 * One count divided by another (docs/reports.md "Ratio"): of the widget's records in the period,
 * those matching `numerator` over those matching `denominator` (default all), e.g. won deals
 * over deals. Both counts open their records. Without `field` one rate with the previous
 * period's; with it one rate per value.
 */
export const ratio: WidgetRunner = async (c) => {
  const rows = c.widget.field !== undefined ? await grouped(c) : await single(c);
  if (rows === null) return { columns: [], rows: [] };
  return {
    columns: [
      { key: 'rate', label: c.text('rate'), unit: 'ratio' },
      ...(c.widget.field === undefined && c.previous
        ? [
            { key: 'previous', label: c.text('previous'), unit: 'ratio' as const },
            { key: 'change', label: c.text('change'), unit: 'ratio' as const },
          ]
        : []),
      { key: 'numerator', label: sideLabel(c, 'numerator'), unit: 'count' },
      { key: 'denominator', label: sideLabel(c, 'denominator'), unit: 'count' },
    ],
    rows,
  };
};
