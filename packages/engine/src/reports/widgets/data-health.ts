import { fieldLabel, getEntity } from '@trellis/spec';
import { and, isIn, or, within } from '../logic';
import type { Num, ReportColumn, ReportRow, WidgetCtx, WidgetRunner } from '../types';
import { aggregate, ratio, recordsLabel, stagesOf } from './common';
import { inTimeCounts, intakeHealth, intakeMeasures } from './health-intake';

/** The core fields whose completeness counts: the widget's `fields`, else the required ones. */
export function coreFields(c: WidgetCtx): string[] {
  const entity = getEntity(c.spec, c.entity);
  const fields =
    c.widget.fields ?? (entity?.fields ?? []).filter((f) => f.required === true).map((f) => f.key);
  return fields.filter((f) => !c.hidden.has(f));
}

const missing = (field: string) => ({ isEmpty: [{ var: field }] });

/** Records missing at least one of `fields` (null when there are no fields). */
const incomplete = (fields: string[]): unknown =>
  fields.length ? or(...fields.map(missing)) : null;

/**
 * Per owner and in total, over the records created in the period: completeness of the core
 * fields (filled values / records × fields), records missing any, each field's fill rate,
 * the share with an owner, the share assigned within 24 hours and the records that were not,
 * duplicates merged into the records, and open records past their SLA due time.
 */
export const dataHealth: WidgetRunner = async (c) => {
  const fields = coreFields(c);
  const { open } = stagesOf(c);
  const cohort = and(c.base, within('createdAt', c.range, false));
  const overdueNow = and(open.length ? isIn('stage', open) : null, {
    '<': [{ var: 'slaDueAt' }, c.now],
  });
  const overdue = and(cohort, overdueNow);
  // One read of the period's records: every count below is a measure of it (its own `where`),
  // but the in-time counts (read beside it).
  const measures = [
    { op: 'count' as const },
    ...fields.map((f) => ({ op: 'filled' as const, field: f })),
    { op: 'filled' as const, field: 'ownerId' },
  ];
  const extra = [
    { op: 'count' as const, where: incomplete(fields) },
    { op: 'count' as const, where: overdueNow },
    ...intakeMeasures(c),
  ];
  // The in-time counts come from a read of their own, side by side (health-intake.ts).
  const [read, onTime] = await Promise.all([
    aggregate(c, cohort, { by: [{ field: 'ownerId' }], measures: [...measures, ...extra] }),
    inTimeCounts(c, cohort),
  ]);
  type Row = (typeof read)[number];
  const at = (r: Row, i: number) => r.values[measures.length + i] ?? 0;
  const per = read.map((r) => ({ keys: r.keys, values: r.values.slice(0, measures.length) }));
  const ownerOf = (r: Row) => (r.keys[0] as string | null) ?? null;
  const gaps = new Map(read.map((r) => [ownerOf(r), at(r, 0)]));
  const late = new Map(read.map((r) => [ownerOf(r), at(r, 1)]));
  const intake = await intakeHealth(
    c,
    cohort,
    new Map(read.map((r) => [ownerOf(r), [at(r, 2), onTime.get(ownerOf(r)) ?? 0] as const])),
  );
  const total = {
    keys: ['$total'],
    values: measures.map((_, i) => per.reduce((a, r) => a + (r.values[i] ?? 0), 0)),
  };
  const rows: ReportRow[] = [];
  for (const r of [...per.sort((a, b) => (b.values[0] ?? 0) - (a.values[0] ?? 0)), total]) {
    const isTotal = r.keys[0] === '$total';
    const owner = isTotal ? undefined : ((r.keys[0] as string | null) ?? null);
    const mine = owner === undefined ? null : { '==': [{ var: 'ownerId' }, owner] };
    const count = r.values[0] ?? 0;
    const filled = fields.reduce((a, _, i) => a + (r.values[i + 1] ?? 0), 0);
    const values: Record<string, Num> = {
      records: { value: count, filter: and(cohort, mine) ?? {} },
      completeness: { value: fields.length ? ratio(filled, count * fields.length) : null },
      incomplete: {
        value: isTotal
          ? [...gaps.values()].reduce((a, b) => a + b, 0)
          : (gaps.get(owner ?? null) ?? 0),
        filter: and(cohort, mine, incomplete(fields)) ?? {},
      },
      assigned: { value: ratio(r.values[fields.length + 1] ?? 0, count) },
      slaBreached: {
        value: isTotal
          ? [...late.values()].reduce((a, b) => a + b, 0)
          : (late.get(owner ?? null) ?? 0),
        filter: and(overdue, mine) ?? {},
      },
      ...intake(owner),
    };
    fields.forEach((f, i) => {
      values[`filled:${f}`] = {
        value: ratio(r.values[i + 1] ?? 0, count),
        filter: and(cohort, mine, missing(f)),
      };
    });
    rows.push({
      key: isTotal ? '$total' : (owner ?? ''),
      label: isTotal
        ? c.text('total')
        : owner === null
          ? c.text('unassigned')
          : await c.label('ownerId', owner),
      values,
    });
  }
  const entity = getEntity(c.spec, c.entity);
  const columns: ReportColumn[] = [
    { key: 'records', label: recordsLabel(c), unit: 'count' },
    { key: 'completeness', label: c.text('completeness'), unit: 'ratio' },
    { key: 'incomplete', label: c.text('incomplete'), unit: 'count' },
    { key: 'assigned', label: c.text('assigned'), unit: 'ratio' },
    { key: 'assigned24h', label: c.text('assigned24h'), unit: 'ratio' },
    { key: 'assignedLate', label: c.text('assignedLate'), unit: 'count' },
    { key: 'merged', label: c.text('merged'), unit: 'count' },
    { key: 'slaBreached', label: c.text('slaBreached'), unit: 'count' },
    ...fields.map((f) => ({
      key: `filled:${f}`,
      label: c.text('fieldFilled', { field: entity ? fieldLabel(entity, f, c.locale) : f }),
      unit: 'ratio' as const,
    })),
  ];
  return { columns, rows };
};
