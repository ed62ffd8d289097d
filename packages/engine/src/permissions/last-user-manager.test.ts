import { describe, expect, it } from 'vitest';
import { createPermissions } from './create-permissions';
import {
  leavesNoUserManager,
  rolesLeavingNoUserManager,
  userManagerRoles,
} from './last-user-manager';

const perms = createPermissions({
  entities: [],
  roles: [
    { key: 'owner', capabilities: ['manageUsers', 'build'] },
    { key: 'manager', capabilities: ['reassign'] },
  ],
});
const owner = { id: 'o1', role: 'owner', status: 'active' };
const rep = { id: 'r1', role: 'manager', status: 'active' };

describe('leavesNoUserManager', () => {
  it('refuses to deactivate or demote the only active holder of manageUsers', () => {
    const all = [owner, rep];
    expect(leavesNoUserManager(perms, all, 'o1', { status: 'disabled' })).toBe(true);
    expect(leavesNoUserManager(perms, all, 'o1', { role: 'manager' })).toBe(true);
  });

  it('lets the last one go away, keep a role that manages users, or become admin', () => {
    const all = [owner, rep];
    expect(leavesNoUserManager(perms, all, 'o1', { status: 'away' })).toBe(false);
    expect(leavesNoUserManager(perms, all, 'o1', { role: 'owner', status: 'active' })).toBe(false);
    expect(leavesNoUserManager(perms, all, 'o1', { role: 'admin' })).toBe(false);
  });

  it('allows it while another active person manages users — admin or a role with the right', () => {
    expect(
      leavesNoUserManager(perms, [owner, { id: 'a1', role: 'admin', status: 'active' }], 'o1', {
        status: 'disabled',
      }),
    ).toBe(false);
    expect(
      leavesNoUserManager(perms, [owner, { id: 'o2', role: 'owner', status: 'away' }], 'o1', {
        role: 'manager',
      }),
    ).toBe(false);
  });

  it('does not count a disabled holder as the other one', () => {
    const all = [owner, { id: 'o2', role: 'owner', status: 'disabled' }];
    expect(leavesNoUserManager(perms, all, 'o1', { status: 'disabled' })).toBe(true);
  });

  it('never blocks changes to people who do not manage users', () => {
    expect(leavesNoUserManager(perms, [owner, rep], 'r1', { status: 'disabled' })).toBe(false);
    expect(leavesNoUserManager(perms, [rep], 'r1', { status: 'disabled' })).toBe(false);
  });
});

describe('rolesLeavingNoUserManager', () => {
  const spec = (ownerCaps: string[], more: { key: string; capabilities: string[] }[] = []) => ({
    entities: [],
    roles: [
      { key: 'owner', capabilities: ownerCaps },
      { key: 'manager', capabilities: [] },
      ...more,
    ],
  });
  const before = spec(['manageUsers']);

  it('names the roles that lose manageUsers when nobody active keeps it', () => {
    expect(rolesLeavingNoUserManager(before, spec(['build']), [owner, rep])).toEqual(['owner']);
    // A role taken out of the spec takes the right with it.
    expect(rolesLeavingNoUserManager(before, { entities: [], roles: [] }, [owner])).toEqual([
      'owner',
    ]);
    const both = spec(['manageUsers'], [{ key: 'hr', capabilities: ['manageUsers'] }]);
    const hr = { id: 'h1', role: 'hr', status: 'away' };
    expect(rolesLeavingNoUserManager(both, spec([]), [owner, hr, rep])).toEqual(['hr', 'owner']);
  });

  it('lets it through while an active person keeps the right: admin, or another role', () => {
    const admin = { id: 'a1', role: 'admin', status: 'active' };
    expect(rolesLeavingNoUserManager(before, spec([]), [owner, admin])).toEqual([]);
    const moved = spec([], [{ key: 'hr', capabilities: ['manageUsers'] }]);
    expect(
      rolesLeavingNoUserManager(before, moved, [owner, { id: 'h1', role: 'hr', status: 'active' }]),
    ).toEqual([]);
  });

  it('does not count disabled people, and blocks nothing when nobody managed users before', () => {
    const off = { ...owner, status: 'disabled' };
    expect(rolesLeavingNoUserManager(before, spec([]), [off, rep])).toEqual([]);
    expect(rolesLeavingNoUserManager(null, spec([]), [owner])).toEqual([]);
  });
});

describe('userManagerRoles', () => {
  it('lists the reserved admin and the roles granting manageUsers, each once', () => {
    expect(
      userManagerRoles({
        entities: [],
        roles: [
          { key: 'admin', capabilities: ['manageUsers'] },
          { key: 'owner', capabilities: ['manageUsers', 'build'] },
          { key: 'manager', capabilities: ['reassign'] },
        ],
      }),
    ).toEqual(['admin', 'owner']);
    expect(userManagerRoles({ entities: [] })).toEqual(['admin']);
  });
});
