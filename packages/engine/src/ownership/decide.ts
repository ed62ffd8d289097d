import type { Handover, Tx } from '@trellis/store';
import type { CallOptions } from '../records/types';
import { Abort, atomically, failure, localeOf, type OwnershipDeps } from './deps';
import { applyHandover, targetOf, type HandoverResult } from './handover';
import { om } from './messages';
import { handoverRules } from './policy';

/**
 * The new owner accepts a pending handover (both parties have then confirmed): the record moves
 * as in `applyHandover`. Refused when the record changed owner since the handover was opened.
 */
export async function acceptHandover(
  d: OwnershipDeps,
  id: string,
  opts: CallOptions,
): Promise<HandoverResult> {
  const locale = localeOf(opts);
  return atomically(d, opts, async (tx) => {
    const h = await pending(d, tx, id, opts);
    const model = (await d.spec()).entity(h.entity);
    const to = await targetOf(d, h.toUserId);
    if (!model || !to) throw new Abort(failure('not_found', om(locale, 'handoverMissing', { id })));
    const got = await d.records.get(h.entity, h.recordId, {
      actor: { kind: 'system' },
      tx,
      locale,
    });
    if (!got.ok) throw new Abort(got);
    if ((got.record.ownerId ?? null) !== h.fromUserId) {
      await tx.handovers.decide(id, 'pending', { status: 'cancelled', at: d.clock.now() });
      return failure('conflict', om(locale, 'handoverStale'));
    }
    const r = await applyHandover(
      d,
      tx,
      model,
      handoverRules(model.entity),
      h,
      to,
      got.record,
      opts,
    );
    if (!r.ok) throw new Abort(r);
    return r;
  });
}

/** The new owner declines a pending handover (with a reason); the record stays where it is. */
export async function declineHandover(
  d: OwnershipDeps,
  id: string,
  reason: string | null,
  opts: CallOptions,
): Promise<HandoverResult> {
  return atomically(d, opts, async (tx) => {
    const h = await pending(d, tx, id, opts);
    const at = d.clock.now();
    const summary = {
      ...(h.summary as object),
      declined: { reason, by: opts.actor.userId ?? null },
    };
    await tx.handovers.decide(id, 'pending', { status: 'declined', at, summary });
    return { ok: true as const, handover: { ...h, status: 'declined', decidedAt: at, summary } };
  });
}

async function pending(d: OwnershipDeps, tx: Tx, id: string, opts: CallOptions): Promise<Handover> {
  const locale = localeOf(opts);
  const h = await tx.handovers.get(id);
  if (!h) throw new Abort(failure('not_found', om(locale, 'handoverMissing', { id })));
  const self = opts.actor.userId === h.toUserId;
  if (!self && !d.permissions.hasCapability(opts.actor, 'reassign'))
    throw new Abort(failure('forbidden', om(locale, 'notRecipient')));
  if (h.status !== 'pending')
    throw new Abort(failure('conflict', om(locale, 'handoverDecided', { status: h.status })));
  return h;
}
