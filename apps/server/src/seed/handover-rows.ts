import type { SeedBatch } from './batch';
import type { SeedHandover } from './types';

type Holder = { ownerId: string | null; teamId: string | null };

/** The record a past handover moved, as prepareUnit knows it. */
type Moved = { entity: string; id: string; title: string; before: Holder; after: Holder };

/**
 * The rows of a handover in the past, as the engine leaves them once both parties confirmed:
 * the handover (accepted, with the protocol note in its summary), the ledger's `handover` row
 * (the previous owner reading it for the 48-hour cooldown) and the owner's history.
 */
export function handoverRows(
  batch: SeedBatch,
  ids: { next(at: number): string },
  user: (login: string) => string | null,
  r: Moved,
  h: SeedHandover,
): void {
  const handoverId = ids.next(h.requestedAt);
  const by = r.before.ownerId;
  batch.handovers.push({
    id: handoverId,
    entity: r.entity,
    recordId: r.id,
    fromUserId: by,
    toUserId: user(h.to)!,
    reason: h.reason,
    summary: { note: h.note, by, stage: null, lastActivityAt: null, title: r.title },
    status: 'accepted',
    createdAt: h.requestedAt,
    decidedAt: h.at,
  });
  batch.owners.push({
    id: ids.next(h.at),
    entity: r.entity,
    recordId: r.id,
    before: r.before,
    after: r.after,
    actorId: by,
    via: 'ui',
    at: h.at,
    note: { kind: 'handover', reason: h.reason, handoverId, readUntil: h.at + h.cooldownMs },
  });
  const changeId = ids.next(h.at);
  for (const field of ['ownerId', 'teamId'] as const)
    if (r.before[field] !== r.after[field])
      batch.history.push({
        changeId,
        entity: r.entity,
        recordId: r.id,
        field,
        before: r.before[field],
        after: r.after[field],
        actorId: by,
        via: 'ui',
        at: h.at,
      });
}
