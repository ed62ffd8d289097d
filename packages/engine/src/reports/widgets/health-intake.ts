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

const byOwner = async (c: WidgetCtx, filter: unknown) =>
  new Map(
    (await aggregate(c, filter, { by: [{ field: 'ownerId' }], measures: [{ op: 'count' }] })).map(
      (r) => [(r.keys[0] as string | null) ?? null, r.values[0] ?? 0],
    ),
  );

/**
 * Per owner (undefined = everyone): the share of the cohort's settled records assigned within
 * 24 hours of creation, the records that were not (with their filter), and the form / webhook
 * submissions merged into the owner's records during the period (duplicates merged).
 */
export async function intakeHealth(
  c: WidgetCtx,
  cohort: unknown,
): Promise<(owner: string | null | undefined) => Record<string, Num>> {
  const due = and(cohort, settled(c));
  const [dueBy, lateBy] = [await byOwner(c, due), await byOwner(c, and(due, lateAssigned))];
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
