export { createPermissions } from './create-permissions';
export type { Permissions } from './create-permissions';
export { createPermissionPort } from './port';
export { fieldRight } from './fields';
export type { FieldRight } from './fields';
export { standingOf } from './roles';
export type { Standing } from './roles';
export { ADMIN_ROLE } from './types';
export type {
  Scope as PermissionScope,
  EntityAction,
  FieldAccess,
  Capability,
  PermissionActor,
  PermissionSpec,
  PermissionRole,
  ScopeCondition,
  ScopedRecord,
} from './types';
export {
  leavesNoUserManager,
  rolesLeavingNoUserManager,
  userManagerRoles,
} from './last-user-manager';
export type { DirectoryMember, MemberChange } from './last-user-manager';
