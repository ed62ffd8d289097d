import { describe, expect, it } from 'vitest';
import type { User } from '../../lib/session/types';
import { matchesUser, type UserFilter } from './user-filter';

const user = (over: Partial<User>): User =>
  ({
    id: 'u1',
    login: 'wang.fang',
    name: '王芳',
    role: 'sales',
    status: 'active',
    locale: 'zh-CN',
    email: 'Wang.Fang@example.com',
    phone: '+8613800138000',
    supervisorId: null,
    teams: ['tech'],
    createdAt: 0,
    updatedAt: 0,
    ...over,
  }) as User;
const any: UserFilter = { q: '', role: null, team: null, status: 'all' };

describe('matchesUser', () => {
  it('finds a person by a part of the Chinese name, the login, the email or the phone', () => {
    for (const q of ['芳', 'WANG.f', 'example.COM', '138 0013', '13800138000'])
      expect(matchesUser(user({}), { ...any, q }), q).toBe(true);
    expect(matchesUser(user({}), { ...any, q: '李' })).toBe(false);
  });

  it('keeps deactivated people apart from active and away ones', () => {
    expect(matchesUser(user({ status: 'away' }), { ...any, status: 'active' })).toBe(true);
    expect(matchesUser(user({ status: 'disabled' }), { ...any, status: 'active' })).toBe(false);
    expect(matchesUser(user({ status: 'disabled' }), { ...any, status: 'inactive' })).toBe(true);
    expect(matchesUser(user({ status: 'active' }), { ...any, status: 'inactive' })).toBe(false);
  });

  it('filters by role, by team, and by no team at all', () => {
    expect(matchesUser(user({}), { ...any, role: 'manager' })).toBe(false);
    expect(matchesUser(user({}), { ...any, role: 'sales', team: 'tech' })).toBe(true);
    expect(matchesUser(user({}), { ...any, team: 'design' })).toBe(false);
    expect(matchesUser(user({}), { ...any, team: '' })).toBe(false);
    expect(matchesUser(user({ teams: [] }), { ...any, team: '' })).toBe(true);
  });
});
