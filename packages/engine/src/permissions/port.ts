import type { PermissionPort } from '../ports';
import { createPermissions } from './create-permissions';
import type { Permissions } from './create-permissions';
import type { PermissionSpec } from './types';

const REFUSED = {
  'zh-CN': '你没有执行此操作的权限。',
  en: 'You are not allowed to do this.',
} as const;

/**
 * The role model as the engine's permission port: `check` decides single records, `listScope`
 * narrows lists and search, `refusedFields` guards writes and `redact` strips hidden fields.
 * @example createEngine({ db, permissions: createPermissionPort(() => liveSpec) })
 */
export function createPermissionPort(
  source: PermissionSpec | (() => PermissionSpec) | Permissions,
): PermissionPort & { model: Permissions } {
  const model = isPermissions(source) ? source : createPermissions(source);
  return {
    model,
    check(actor, action, entity, record) {
      if (model.can(actor, action, entity, record ?? undefined)) return { allowed: true };
      return { allowed: false, reason: REFUSED[actor.locale ?? 'zh-CN'] };
    },
    listScope: (actor, entity) => model.scopeFilter(actor, entity, 'read'),
    refusedFields: (actor, entity, values) => model.refusedFields(actor, entity, values),
    redact: (actor, entity, record) => model.redact(actor, entity, record),
    mayAssignTo: (actor, userId) => model.mayAssignTo(actor, userId),
  };
}

function isPermissions(value: unknown): value is Permissions {
  return typeof value === 'object' && value !== null && 'can' in value && 'scopeFilter' in value;
}
