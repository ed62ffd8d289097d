/** Answers of ownership: handovers, the ownership ledger, the plan when a rep leaves. */
import { str, strOrNull, int, intOrNull, anyObj, obj, type Schema } from './schema-kit';

/** A handover (交接): from, to, why, the note in `summary`, pending / accepted / declined. */
export const handover = obj(
  {
    id: str,
    entity: str,
    recordId: str,
    fromUserId: strOrNull,
    toUserId: str,
    reason: strOrNull,
    summary: anyObj,
    status: { enum: ['pending', 'accepted', 'declined', 'cancelled'] },
    createdAt: int,
    decidedAt: intOrNull,
  },
  ['id', 'entity', 'recordId', 'toUserId', 'status', 'createdAt'],
);
/** One row of the ownership ledger. */
export const ownershipChange = obj(
  {
    id: str,
    kind: {
      enum: ['create', 'assign', 'transfer', 'handover', 'claim', 'release', 'reclaim', 'merge'],
    },
    fromUserId: strOrNull,
    toUserId: strOrNull,
    fromTeamId: strOrNull,
    toTeamId: strOrNull,
    reason: strOrNull,
    actorId: strOrNull,
    via: str,
    handoverId: strOrNull,
    readUntil: intOrNull,
    at: int,
  },
  ['id', 'kind', 'at'],
);
/** "A rep leaves": every record and who gets it. */
export const leavePlan = obj(
  {
    from: str,
    to: { type: 'array', items: str },
    items: { type: 'array', items: obj({ entity: str, id: str, title: str, to: str }) },
    perOwner: { type: 'object', additionalProperties: int },
  },
  ['from', 'to', 'items', 'perOwner'],
) as Schema & { properties: Record<string, unknown> };
