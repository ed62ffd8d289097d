import { describe, expect, it } from 'vitest';
import type { Directory, UserInfo } from '../automations/directory';
import { resolveRecipients } from './recipients';

const person = (userId: string, status: UserInfo['status'] = 'active'): UserInfo => ({
  userId,
  login: userId,
  name: userId,
  status,
  supervisorId: null,
  email: null,
  phone: null,
  role: 'advisor',
  locale: 'zh-CN',
});
const people = [person('u-owner'), person('u-advisor'), person('u-gone', 'disabled')];
const dir: Directory = {
  user: (ref) => people.find((p) => p.userId === ref || p.login === ref) ?? null,
  teamMembers: () => people,
  teamLead: () => null,
  usersWithRole: () => people,
  openLoads: () => ({}),
};
const ids = (r: ReturnType<typeof resolveRecipients>) => r.users.map((u) => u.userId);

describe('field:<userFieldKey> recipients', () => {
  it('resolve to the user in that field of the record, not the owner or a whole team', () => {
    const record = { ownerId: 'u-owner', courseAdvisor: 'u-advisor' };
    const r = resolveRecipients(['field:courseAdvisor'], record, dir);
    expect(ids(r)).toEqual(['u-advisor']);
    expect(r.unresolved).toEqual([]);
    expect(ids(resolveRecipients(['owner', 'field:courseAdvisor'], record, dir))).toEqual([
      'u-owner',
      'u-advisor',
    ]);
  });

  it('report an empty field, a disabled user and a missing record as unresolved', () => {
    expect(resolveRecipients(['field:courseAdvisor'], { courseAdvisor: null }, dir)).toEqual({
      users: [],
      unresolved: [{ recipient: 'field:courseAdvisor', reason: 'emptyField' }],
    });
    expect(resolveRecipients(['field:courseAdvisor'], { courseAdvisor: 'u-gone' }, dir)).toEqual({
      users: [],
      unresolved: [{ recipient: 'field:courseAdvisor', reason: 'inactive' }],
    });
    expect(resolveRecipients(['field:courseAdvisor'], null, dir).unresolved).toEqual([
      { recipient: 'field:courseAdvisor', reason: 'emptyField' },
    ]);
  });
});
