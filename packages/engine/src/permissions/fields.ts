import { analyse } from '@trellis/logic';
import { entityOf, roleOf, standingOf } from './roles';
import type { PermissionActor, PermissionField, PermissionSpec } from './types';

/** What an actor may do with one field: see and write it, only see it, or not know it exists. */
export type FieldRight = 'write' | 'read' | 'hidden';

/**
 * The right an actor holds on one field. Formula fields are never writable, and hidden from a
 * role that may not see one of the fields they are computed from (`budgetYuan` would show a
 * hidden `budget`); fields marked `readOnly` are written only by system and automation actors;
 * a public actor writes but never reads.
 */
export function fieldRight(
  spec: PermissionSpec,
  actor: PermissionActor,
  entityKey: string,
  fieldKey: string,
  seen: Set<string> = new Set(),
): FieldRight {
  const entity = entityOf(spec, entityKey);
  const field = entity?.fields.find((f) => f.key === fieldKey);
  if (!entity || !field) return 'hidden';
  const intrinsicReadOnly = field.readOnly === true;
  const standing = standingOf(actor);
  if (standing === 'nobody') return 'hidden';
  if (field.type === 'formula') {
    if (standing === 'public') return 'hidden';
    if (standing !== 'role') return 'read';
    if (roleOf(spec, actor)?.fields?.[entityKey]?.[fieldKey] === 'hidden') return 'hidden';
    seen.add(fieldKey);
    const hiddenInput = inputsOf(field).some(
      (key) => !seen.has(key) && fieldRight(spec, actor, entityKey, key, seen) === 'hidden',
    );
    return hiddenInput ? 'hidden' : 'read';
  }
  // `readOnly` keeps people (admins too) from editing a field; the platform itself (automations
  // stamping firstContactAt, imports run as system) still writes it.
  if (standing === 'superuser')
    return field.readOnly === true && actor.kind !== 'system' && actor.kind !== 'automation'
      ? 'read'
      : 'write';
  if (standing === 'public') return intrinsicReadOnly ? 'hidden' : 'write';
  const access = roleOf(spec, actor)?.fields?.[entityKey]?.[fieldKey];
  if (access === 'hidden') return 'hidden';
  if (access === 'readonly' || intrinsicReadOnly) return 'read';
  return 'write';
}

/** Keys of the spec fields of an entity that the actor may see (system fields are always visible). */
export function visibleFieldKeys(
  spec: PermissionSpec,
  actor: PermissionActor,
  entityKey: string,
): string[] {
  const entity = entityOf(spec, entityKey);
  if (!entity || standingOf(actor) === 'public') return [];
  return entity.fields
    .filter((f) => fieldRight(spec, actor, entityKey, f.key) !== 'hidden')
    .map((f) => f.key);
}

/** Keys of the spec fields of an entity that the actor may write. */
export function writableFieldKeys(
  spec: PermissionSpec,
  actor: PermissionActor,
  entityKey: string,
): string[] {
  const entity = entityOf(spec, entityKey);
  if (!entity) return [];
  return entity.fields
    .filter((f) => fieldRight(spec, actor, entityKey, f.key) === 'write')
    .map((f) => f.key);
}

/** Keys of the spec fields hidden from the actor; these must never reach a response. */
export function hiddenFieldKeys(
  spec: PermissionSpec,
  actor: PermissionActor,
  entityKey: string,
): string[] {
  const entity = entityOf(spec, entityKey);
  if (!entity) return [];
  return entity.fields
    .filter((f) => fieldRight(spec, actor, entityKey, f.key) === 'hidden')
    .map((f) => f.key);
}

/**
 * Sorts the keys of a write into the fields the actor may not touch: `hidden` ones must be
 * reported as unknown (no existence leak), `readonly` ones as read-only. `ownerId`/`teamId`
 * need the `reassign` capability (see mayAssign). Other unknown keys are left to the validator.
 */
export function refusedFields(
  spec: PermissionSpec,
  actor: PermissionActor,
  entityKey: string,
  values: Record<string, unknown>,
): { hidden: string[]; readonly: string[] } {
  const entity = entityOf(spec, entityKey);
  const hidden: string[] = [];
  const readonly: string[] = [];
  if (!entity) return { hidden, readonly };
  for (const key of Object.keys(values)) {
    if (key === 'ownerId' || key === 'teamId') {
      if (!mayAssign(spec, actor, key, values[key])) readonly.push(key);
      continue;
    }
    if (!entity.fields.some((f) => f.key === key)) continue;
    const right = fieldRight(spec, actor, entityKey, key);
    if (right === 'hidden') hidden.push(key);
    else if (right === 'read') readonly.push(key);
  }
  return { hidden, readonly };
}

/**
 * Whom the actor may give work (a record or a task): anyone with the `reassign` capability (or
 * the platform), else only themself.
 */
export function mayAssignTo(
  spec: PermissionSpec,
  actor: PermissionActor,
  userId: unknown,
): boolean {
  return mayAssign(spec, actor, 'ownerId', userId);
}

/**
 * Owner and team are changed only with the `reassign` capability (or by the platform). Without
 * it a person may still name themself as owner and one of their own teams, e.g. on a create.
 */
function mayAssign(
  spec: PermissionSpec,
  actor: PermissionActor,
  key: 'ownerId' | 'teamId',
  value: unknown,
): boolean {
  const standing = standingOf(actor);
  if (standing === 'superuser' || standing === 'public') return true;
  if (standing === 'nobody') return false;
  if (roleOf(spec, actor)?.capabilities?.includes('reassign')) return true;
  if (key === 'ownerId') return value !== null && value !== undefined && value === actor.userId;
  return typeof value === 'string' && (actor.teams ?? []).includes(value);
}

/** Fields a formula is computed from (its expression's variables). */
function inputsOf(field: PermissionField): string[] {
  if (field.expression === undefined) return [];
  try {
    return analyse(field.expression).fields;
  } catch {
    return [];
  }
}
