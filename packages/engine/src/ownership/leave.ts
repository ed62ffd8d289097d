import type { FieldError } from '@trellis/rules';
import type { Failure } from '../i18n/errors';
import type { EngineRecord, CallOptions } from '../records/types';
import { Abort, atomically, failure, localeOf, type OwnershipDeps } from './deps';
import { cannotWork, startHandover, targetOf, titleOf, type Target } from './handover';
import { om } from './messages';
import { cleanNote, noteErrors, type HandoverNote } from './note';
import { handoverRules } from './policy';

/** One record of a "rep leaves" plan and who takes it over. */
export type LeaveItem = { entity: string; id: string; title: string; to: string };
export type LeavePlan = {
  from: string;
  to: string[];
  items: LeaveItem[];
  /** How many records each new owner gets. */
  perOwner: Record<string, number>;
};
export type LeaveInput = { to: string[]; reason?: string | null; note?: HandoverNote | null };
export type LeavePlanResult = ({ ok: true } & LeavePlan) | Failure;
export type LeaveResult = ({ ok: true; handovers: number } & LeavePlan) | Failure;

const SYSTEM = { actor: { kind: 'system' as const }, via: 'system' as const };

/**
 * "A rep leaves" (seed 003: 17 reps left with 2300 customers): every open record the user owns,
 * dealt round robin (oldest first) to the new owners. Needs `reassign`. The plan is what `leave`
 * will do, so a manager reviews it first; it is refused, like the run would be, when the note
 * lacks what an entity of the plan asks for (its errors on `/note/needs`...).
 */
export async function planLeave(
  d: OwnershipDeps,
  fromRef: string,
  input: Pick<LeaveInput, 'to' | 'note'>,
  opts: CallOptions,
): Promise<LeavePlanResult> {
  const locale = localeOf(opts);
  if (!d.permissions.hasCapability(opts.actor, 'reassign'))
    return failure('forbidden', om(locale, 'notYours', { id: fromRef }));
  const from = await d.store.users.byRef(fromRef);
  if (!from) return failure('not_found', om(locale, 'recipientMissing', { id: fromRef }));
  const errors = [];
  const to: string[] = [];
  const targets: { index: number; target: Target }[] = [];
  for (const [i, ref] of (input.to ?? []).entries()) {
    const t = await targetOf(d, ref);
    if (!t)
      errors.push({
        path: `/to/${i}`,
        code: 'user_not_found',
        message: om(locale, 'recipientMissing', { id: ref }),
      });
    else if (t.id === from.id)
      errors.push({ path: `/to/${i}`, code: 'invalid', message: om(locale, 'leaveSelf') });
    else if (!to.includes(t.id)) {
      to.push(t.id);
      targets.push({ index: i, target: t });
    }
  }
  if (to.length === 0 && errors.length === 0)
    errors.push({ path: '/to', code: 'required', message: om(locale, 'leaveNoTargets') });
  if (errors.length > 0) return failure('validation', errors[0]!.message, errors);
  const spec = await d.spec();
  const items: LeaveItem[] = [];
  for (const entity of spec.spec.entities) {
    if (entity.owned === false) continue;
    const model = spec.entity(entity.key);
    if (!model) continue;
    let cursor: string | null = null;
    const mine: EngineRecord[] = [];
    do {
      const page = await d.records.list(
        entity.key,
        {
          filter: { '==': [{ var: 'ownerId' }, from.id] },
          sort: [{ field: 'createdAt', dir: 'asc' }],
          limit: 500,
          cursor,
        },
        SYSTEM,
      );
      if (!page.ok) return page;
      mine.push(...page.records);
      cursor = page.nextCursor;
    } while (cursor);
    for (const r of mine)
      items.push({
        entity: entity.key,
        id: r.id as string,
        title: titleOf(model, r),
        to: to[items.length % to.length]!,
      });
  }
  // What the run would refuse: a new owner who cannot work an entity of the plan, the note.
  const problems = new Map<string, FieldError>();
  for (const key of new Set(items.map((i) => i.entity))) {
    const model = spec.entity(key);
    if (!model) continue;
    for (const { index, target } of targets)
      for (const e of cannotWork(d, target, model, locale, `/to/${index}`))
        if (!problems.has(e.path)) problems.set(e.path, e);
    for (const e of noteErrors(cleanNote(input.note), handoverRules(model.entity), locale))
      if (!problems.has(e.path)) problems.set(e.path, e);
  }
  if (problems.size > 0) {
    const list = [...problems.values()];
    return failure('validation', list[0]!.message, list);
  }
  const perOwner = Object.fromEntries(to.map((u) => [u, items.filter((i) => i.to === u).length]));
  return { ok: true, from: from.id, to, items, perOwner };
}

/** Runs the plan in one transaction: every record handed over with the note, or none. */
export async function leave(
  d: OwnershipDeps,
  fromRef: string,
  input: LeaveInput,
  opts: CallOptions,
): Promise<LeaveResult> {
  const plan = await planLeave(d, fromRef, input, opts);
  if (!plan.ok) return plan;
  return atomically(d, opts, async (tx) => {
    let handovers = 0;
    const groups = new Map<string, string[]>();
    for (const item of plan.items) {
      const key = `${item.entity}\u0000${item.to}`;
      groups.set(key, [...(groups.get(key) ?? []), item.id]);
    }
    for (const [key, ids] of groups) {
      const [entity, to] = key.split('\u0000') as [string, string];
      const r = await startHandover(
        d,
        entity,
        ids,
        { to, reason: input.reason ?? null, note: input.note ?? null },
        { ...opts, tx },
      );
      if (!r.ok) throw new Abort(r);
      handovers += r.handovers.length;
    }
    return { ...plan, handovers };
  });
}
