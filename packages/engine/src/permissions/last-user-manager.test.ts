import { describe, expect, it } from 'vitest';
import { createPermissions } from './create-permissions';
import { leavesNoUserManager } from './last-user-manager';

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
