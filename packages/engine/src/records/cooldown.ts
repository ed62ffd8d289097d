import type { Repos } from '@trellis/store';
import type { Actor } from '../ports';

/**
 * The actor with the records of `entity` they handed over and may still read (the handover
 * cooldown, from the ownership ledger). Every read surface — the records list, the boards and
 * the reports — scopes with this one actor, so a number counts exactly the records it opens.
 */
export async function withCooldownOf(
  actor: Actor,
  entity: { key: string; owned?: boolean },
  db: Repos,
  now: number,
): Promise<Actor> {
  if (!actor.userId || entity.owned === false) return actor;
  const ids = await db.ownership.cooldownIds(actor.userId, entity.key, now);
  if (ids.length === 0) return actor;
  return { ...actor, cooldown: { ...actor.cooldown, [entity.key]: ids } };
}
