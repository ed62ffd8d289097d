import type { Permissions } from './create-permissions';

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
