import type {
  PermissionActor,
  PermissionEntity,
  Scope,
  ScopeCondition,
  ScopedRecord,
} from './types';

type Parts = { own: boolean; pool: boolean; team: boolean };

function partsOf(scope: Scope): Parts {
  return {
    own: scope !== 'none',
    pool: scope === 'own+pool' || scope === 'team+pool',
    team: scope === 'team' || scope === 'team+pool',
  };
}

/**
 * Whether one record lies inside a scope. Owned entities compare `ownerId` (pool = no owner);
 * entities without owners (`owned: false`) compare `createdBy` and have no pool. `owned` unset
 * is owned, as the spec and the write path read it: an entity made in the builder leaves it unset,
 * and its records dealt to a rep by an automation (created by nobody) were the rep's to work but
 * not to see.
 */
export function inScope(
  scope: Scope,
  actor: PermissionActor,
  entity: PermissionEntity,
  record: ScopedRecord,
): boolean {
  if (scope === 'all') return true;
  if (scope === 'none') return false;
  const parts = partsOf(scope);
  const owned = entity.owned !== false;
  const holder = owned ? record.ownerId : record.createdBy;
  if (parts.own && actor.userId && holder === actor.userId) return true;
  if (parts.pool && owned && (record.ownerId === null || record.ownerId === undefined)) return true;
  if (parts.team && record.teamId && (actor.teams ?? []).includes(record.teamId)) return true;
  return false;
}

/**
 * Turns a scope into a list condition: JSONLogic over system fields, evaluated in memory or
 * compiled to SQL by the store (the same language as every other condition).
 */
export function scopeCondition(
  scope: Scope,
  actor: PermissionActor,
  entity: PermissionEntity,
): ScopeCondition {
  if (scope === 'all') return { kind: 'all' };
  if (scope === 'none') return { kind: 'none' };
  const parts = partsOf(scope);
  const owned = entity.owned !== false;
  const logic: unknown[] = [];
  if (parts.own && actor.userId)
    logic.push({ '==': [{ var: owned ? 'ownerId' : 'createdBy' }, actor.userId] });
  if (parts.pool && owned) logic.push({ '==': [{ var: 'ownerId' }, null] });
  const teams = [...(actor.teams ?? [])];
  if (parts.team && teams.length > 0) logic.push({ in: [{ var: 'teamId' }, teams] });
  if (logic.length === 0) return { kind: 'none' };
  return { kind: 'where', logic: logic.length === 1 ? logic[0] : { or: logic } };
}

/** Whether the actor may still read this record through a handover cooldown. */
export function inCooldown(
  actor: PermissionActor,
  entityKey: string,
  record: ScopedRecord,
): boolean {
  const ids = actor.cooldown?.[entityKey];
  return ids !== undefined && typeof record.id === 'string' && ids.includes(record.id);
}

/** A read condition widened by the records the actor may still read through a cooldown. */
export function withCooldown(
  cond: ScopeCondition,
  actor: PermissionActor,
  entityKey: string,
): ScopeCondition {
  const ids = actor.cooldown?.[entityKey];
  if (!ids || ids.length === 0 || cond.kind === 'all') return cond;
  const mine = { in: [{ var: 'id' }, [...ids]] };
  if (cond.kind === 'none') return { kind: 'where', logic: mine };
  return { kind: 'where', logic: { or: [cond.logic, mine] } };
}
