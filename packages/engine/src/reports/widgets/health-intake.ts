import type { Measure } from '@trellis/store';
import { and, or } from '../logic';
import type { Num, WidgetCtx } from '../types';
import { aggregate, DAY_MS, must, ratio } from './common';

/** Created at least a day ago: their first 24 hours are over, assigned in time or not. */
const settled = (c: WidgetCtx) => ({ '<=': [{ var: 'createdAt' }, c.now - DAY_MS] });
/** Never had an owner, or got one more than 24 hours after creation (store field assignDelayMs). */
const lateAssigned = or(
  { '==': [{ var: 'assignDelayMs' }, null] },
  { '>': [{ var: 'assignDelayMs' }, DAY_MS] },
);

/** Got an owner within 24 hours of creation: not lateAssigned. */
const inTime = { '<=': [{ var: 'assignDelayMs' }, DAY_MS] };

/**
 * What intakeHealth needs counted per owner over the cohort as a measure of the widget's read
 * of it: the settled records (those assigned in time are read apart, inTimeCounts).
 */
export const intakeMeasures = (c: WidgetCtx): Measure[] => [{ op: 'count', where: settled(c) }];

/**
 * Per owner, the cohort's settled records assigned in time: a read of its own, beside the
 * widget's read of the cohort. The store keeps this count in its report groups (the late ones
 * are the settled ones not in time), so a manager's quarter sums a few thousand groups instead
 * of joining 250,000 records with their first owners; a filter on other fields reads the records.
 */
export async function inTimeCounts(
  c: WidgetCtx,
  cohort: unknown,
): Promise<Map<string | null, number>> {
  const read = await aggregate(c, and(cohort, settled(c)), {
    by: [{ field: 'ownerId' }],
    measures: [{ op: 'count', where: inTime }],
  });
  return new Map(read.map((r) => [(r.keys[0] as string | null) ?? null, r.values[0] ?? 0]));
}

/** Per owner: [settled, assigned in time], from intakeMeasures and inTimeCounts. */
export type IntakeCounts = Map<string | null, readonly [number, number]>;

/**
 * Per owner (undefined = everyone): the share of the cohort's settled records assigned within
 * 24 hours of creation, the records that were not (with their filter), and the form / webhook
 * submissions merged into the owner's records during the period (duplicates merged).
 */
export async function intakeHealth(
  c: WidgetCtx,
  cohort: unknown,
  counts: IntakeCounts,
): Promise<(owner: string | null | undefined) => Record<string, Num>> {
  const due = and(cohort, settled(c));
  const dueBy = new Map([...counts].map(([k, v]) => [k, v[0]]));
  const lateBy = new Map([...counts].map(([k, v]) => [k, v[0] - v[1]]));
  const s = await c.scopeOf(c.entity);
  const merged =
    s === 'none'
      ? []
      : must(
          await c.repo.merges(c.entity, {
            ...(c.base !== null ? { filter: c.base } : {}),
            ...(s.scope !== undefined ? { scope: s.scope } : {}),
            context: s.context,
            by: 'ownerId',
            at: {
              ...(c.range.from !== undefined ? { from: c.range.from } : {}),
              ...(c.range.to !== undefined ? { to: c.range.to } : {}),
            },
          }),
        );
  const sum = (m: Map<string | null, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return (owner) => {
    const mine = owner === undefined ? null : { '==': [{ var: 'ownerId' }, owner] };
    const n = owner === undefined ? sum(dueBy) : (dueBy.get(owner) ?? 0);
    const late = owner === undefined ? sum(lateBy) : (lateBy.get(owner) ?? 0);
    const merges = merged
      .filter((r) => owner === undefined || (r.key ?? null) === owner)
      .reduce((a, r) => a + r.merges, 0);
    return {
      assigned24h: { value: ratio(n - late, n) },
      assignedLate: { value: late, filter: and(due, mine, lateAssigned) ?? {} },
      merged: { value: merges },
    };
  };
}
