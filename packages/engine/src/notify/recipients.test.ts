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
  user: async (ref) => people.find((p) => p.userId === ref || p.login === ref) ?? null,
  teamMembers: async () => people,
  teamLead: async () => null,
  usersWithRole: async () => people,
  openLoads: async () => ({}),
};
const ids = (r: Awaited<ReturnType<typeof resolveRecipients>>) => r.users.map((u) => u.userId);

describe('field:<userFieldKey> recipients', () => {
  it('resolve to the user in that field of the record, not the owner or a whole team', async () => {
    const record = { ownerId: 'u-owner', courseAdvisor: 'u-advisor' };
    const r = await resolveRecipients(['field:courseAdvisor'], record, dir);
    expect(ids(r)).toEqual(['u-advisor']);
    expect(r.unresolved).toEqual([]);
    expect(ids(await resolveRecipients(['owner', 'field:courseAdvisor'], record, dir))).toEqual([
      'u-owner',
      'u-advisor',
    ]);
  });

  it('report an empty field, a disabled user and a missing record as unresolved', async () => {
    expect(await resolveRecipients(['field:courseAdvisor'], { courseAdvisor: null }, dir)).toEqual({
      users: [],
      unresolved: [{ recipient: 'field:courseAdvisor', reason: 'emptyField' }],
    });
    expect(
      await resolveRecipients(['field:courseAdvisor'], { courseAdvisor: 'u-gone' }, dir),
    ).toEqual({
      users: [],
      unresolved: [{ recipient: 'field:courseAdvisor', reason: 'inactive' }],
    });
    expect((await resolveRecipients(['field:courseAdvisor'], null, dir)).unresolved).toEqual([
      { recipient: 'field:courseAdvisor', reason: 'emptyField' },
    ]);
  });
});
