import type {
  EntityAction,
  PermissionActor,
  PermissionEntity,
  PermissionRole,
  PermissionSpec,
  Scope,
} from './types';
import { ADMIN_ROLE, SCOPES } from './types';

/** How an actor is treated before any role grant is looked at. */
export type Standing = 'superuser' | 'public' | 'role' | 'nobody';

/**
 * Classifies an actor. System and automation actors act for the platform itself and the
 * reserved `admin` role holds every right; a public actor (a form or webhook) only creates.
 */
export function standingOf(actor: PermissionActor): Standing {
  if (actor.kind === 'system' || actor.kind === 'automation') return 'superuser';
  if (actor.kind === 'public') return 'public';
  if (actor.role === ADMIN_ROLE) return 'superuser';
  return actor.role ? 'role' : 'nobody';
}

/** Finds the role spec of an actor; undefined when the role is unknown to the spec. */
export function roleOf(spec: PermissionSpec, actor: PermissionActor): PermissionRole | undefined {
  if (!actor.role) return undefined;
  return spec.roles?.find((r) => r.key === actor.role);
}

/** Finds an entity spec by key. */
export function entityOf(spec: PermissionSpec, entityKey: string): PermissionEntity | undefined {
  return spec.entities.find((e) => e.key === entityKey);
}

function asScope(value: unknown): Scope {
  if (value === true) return 'all';
  if (typeof value === 'string' && (SCOPES as readonly string[]).includes(value))
    return value as Scope;
  return 'none';
}

/**
 * The scope an actor holds for an action on an entity. Unknown entities and unknown roles
 * get 'none'; `create: true` means 'all'.
 */
export function scopeOf(
  spec: PermissionSpec,
  actor: PermissionActor,
  action: EntityAction,
  entityKey: string,
): Scope {
  if (!entityOf(spec, entityKey)) return 'none';
  const standing = standingOf(actor);
  if (standing === 'superuser') return 'all';
  if (standing === 'public') return action === 'create' ? 'all' : 'none';
  if (standing === 'nobody') return 'none';
  const grant = roleOf(spec, actor)?.entities?.[entityKey];
  return asScope(grant?.[action]);
}
