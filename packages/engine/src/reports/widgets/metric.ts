import type { Measure } from '@trellis/store';
import type { Num, ReportColumn, Unit, WidgetCtx, WidgetRunner } from '../types';
import { aggregate, inPeriod, ratio } from './common';
import { getEntity, getField } from '@trellis/spec';

/** The store measure of a widget's `measure` (default: count) and the unit of its value. */
export function measureOf(c: WidgetCtx): { measure: Measure; unit: Unit } {
  const m = c.widget.measure;
  if (!m || m.op === 'count' || !m.field) return { measure: { op: 'count' }, unit: 'count' };
  const entity = getEntity(c.spec, c.entity);
  const field = entity ? getField(entity, m.field) : undefined;
  const money =
    field?.type === 'money' || (field?.type === 'formula' && field.resultType === 'money');
  return { measure: { op: m.op, field: m.field }, unit: money ? 'money' : 'number' };
}

/** The value of the widget's measure over the records a filter selects. */
async function measureValue(c: WidgetCtx, filter: unknown): Promise<Num> {
  const { measure } = measureOf(c);
  const [row] = await aggregate(c, filter, { measures: [measure] });
  const value = row?.values[0] ?? (measure.op === 'count' ? 0 : null);
  return { value, filter: filter ?? {} };
}

/** One number for the period, the same for the previous period, and the change between them. */
export const metric: WidgetRunner = async (c) => {
  const { unit } = measureOf(c);
  const now = await measureValue(c, inPeriod(c, c.range));
  const columns: ReportColumn[] = [{ key: 'value', label: c.text('value'), unit }];
  const values: Record<string, Num> = { value: now };
  if (c.previous) {
    const before = await measureValue(c, inPeriod(c, c.previous));
    columns.push(
      { key: 'previous', label: c.text('previous'), unit },
      { key: 'change', label: c.text('change'), unit: 'ratio' },
    );
    values.previous = before;
    const delta = now.value === null || before.value === null ? null : now.value - before.value;
    values.change = { value: ratio(delta, before.value) };
  }
  return { columns, rows: [{ key: 'value', label: '', values }] };
};
