export { createPermissions } from './create-permissions';
export type { Permissions } from './create-permissions';
export { fieldRight, visibleFieldKeys, writableFieldKeys, hiddenFieldKeys, refusedFields } from './fields';
export type { FieldRight } from './fields';
export { scopeOf, standingOf, roleOf } from './roles';
export type { Standing } from './roles';
export { inScope, scopeCondition } from './scope';
export * from './types';
export { createPermissionPort } from './port';
