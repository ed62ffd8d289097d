import { createPermissions, type Permissions } from './create-permissions';
import { ADMIN_ROLE, type PermissionSpec } from './types';

/** A person of the directory as the rule needs them. */
export type DirectoryMember = { id: string; role: string; status: string };

/** What a change would make of one person (fields left out stay as they are). */
export type MemberChange = { role?: string; status?: string };

// A disabled account cannot sign in; an away one still can (away only pauses lead routing).
const canAct = (m: DirectoryMember) => m.status !== 'disabled';

/**
 * Whether a change to one person would leave the workspace with nobody who can manage users —
 * deactivating, demoting or letting go the last active holder of `manageUsers` (the reserved
 * admin role holds it too). Nobody could then add people, reset a password or undo the change:
 * every surface (API, CLI, page) refuses it. A workspace that already has no such person is
 * not made worse by the change, so the rule does not block it.
 */
export function leavesNoUserManager(
  permissions: Pick<Permissions, 'hasCapability'>,
  members: readonly DirectoryMember[],
  targetId: string,
  change: MemberChange,
): boolean {
  const manages = (m: DirectoryMember) =>
    canAct(m) &&
    permissions.hasCapability({ kind: 'user', userId: m.id, role: m.role }, 'manageUsers');
  const before = members.filter(manages);
  if (!before.some((m) => m.id === targetId)) return false;
  const target = before.find((m) => m.id === targetId)!;
  if (manages({ ...target, ...change })) return false;
  return before.length === 1;
}

/**
 * The roles that lose `manageUsers` when the role model changes from `before` to `after` (a
 * publish, a restore, a template) and thereby leave no active person who can manage users —
 * the roles of the people who held it before. Empty when someone still may after the change, or
 * when nobody could before it (a workspace already in that state is not made worse).
 */
export function rolesLeavingNoUserManager(
  before: PermissionSpec | null,
  after: PermissionSpec,
  members: readonly DirectoryMember[],
): string[] {
  const holders = (spec: PermissionSpec) => {
    const permissions = createPermissions(spec);
    return members.filter(
      (m) =>
        canAct(m) &&
        permissions.hasCapability({ kind: 'user', userId: m.id, role: m.role }, 'manageUsers'),
    );
  };
  if (holders(after).length > 0) return [];
  // Before the first publish only the reserved admin role manages users.
  return [...new Set(holders(before ?? { entities: [] }).map((m) => m.role))].sort();
}

/** The roles whose holders may manage users under `spec`: the reserved admin and every role granting it. */
export function userManagerRoles(spec: PermissionSpec): string[] {
  const granting = (spec.roles ?? []).filter((r) => r.capabilities?.includes('manageUsers'));
  return [ADMIN_ROLE, ...granting.map((r) => r.key).filter((key) => key !== ADMIN_ROLE)];
}
