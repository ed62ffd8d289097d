import { describe, expect, it } from 'vitest';
import { useStore, type StoreFactory } from './factory';

/** Users, teams and memberships, sessions and API tokens. */
export function peopleContract(factory: StoreFactory): void {
  const ctx = useStore(factory);
  const seed = async () => {
    await ctx.store.teams.mirror([
      { key: 'tech', label: { 'zh-CN': '技术组', en: 'Tech' } },
      { key: 'design', label: { en: 'Design' }, parent: 'tech' },
    ]);
    const add = (id: string, login: string, role: string, teams: string[], extra = {}) =>
      ctx.store.users.insert({ id, login, passwordHash: `h-${id}`, role, teams, ...extra }, 10);
    await add('u-b', 'bob', 'sales', ['tech']);
    await add('u-a', 'amy', 'sales', ['tech', 'design'], {
      locale: 'en',
      email: 'amy@example.com',
    });
    await add('u-m', 'max', 'manager', [], { status: 'away' });
  };

  describe(`${factory.dialect}: users and teams`, () => {
    it('stores users with their teams and finds them by id, login or either', async () => {
      await seed();
      expect(await ctx.store.users.count()).toBe(3);
      const amy = await ctx.store.users.byLogin('amy');
      expect(amy).toEqual({
        id: 'u-a',
        login: 'amy',
        name: 'amy',
        passwordHash: 'h-u-a',
        role: 'sales',
        supervisorId: null,
        status: 'active',
        locale: 'en',
        email: 'amy@example.com',
        phone: null,
        createdAt: 10,
        updatedAt: 10,
      });
      expect((await ctx.store.users.byRef('u-b'))?.login).toBe('bob');
      expect((await ctx.store.users.byRef('bob'))?.id).toBe('u-b');
      expect(await ctx.store.users.byRef('nobody')).toBeNull();
      expect((await ctx.store.users.list()).map((u) => u.login)).toEqual(['amy', 'bob', 'max']);
      expect(
        (await ctx.store.users.withRoles(['sales', 'manager'], 'active')).map((u) => u.login),
      ).toEqual(['amy', 'bob']);
      expect(await ctx.store.users.teamsOf('u-a')).toEqual(['design', 'tech']);
      expect((await ctx.store.users.teamMembers('tech')).map((u) => u.login)).toEqual([
        'amy',
        'bob',
      ]);
    });

    it('updates users, their status, teams and team leads', async () => {
      await seed();
      expect(
        await ctx.store.users.update(
          'u-b',
          { name: 'Bob', supervisorId: 'u-m', phone: '+86138' },
          20,
        ),
      ).toBe(true);
      expect(await ctx.store.users.update('nope', { name: 'x' }, 20)).toBe(false);
      expect(await ctx.store.users.byId('u-b')).toMatchObject({
        name: 'Bob',
        supervisorId: 'u-m',
        phone: '+86138',
        updatedAt: 20,
      });
      expect(await ctx.store.users.setStatus('u-b', 'disabled', 30)).toBe(true);
      expect((await ctx.store.users.byId('u-b'))?.status).toBe('disabled');
      await ctx.store.users.setTeams('u-b', ['design']);
      expect(await ctx.store.users.teamsOf('u-b')).toEqual(['design']);
      expect(await ctx.store.users.teamLead('design')).toBeNull();
      await ctx.store.users.setTeamLead('u-b', 'design', true);
      expect((await ctx.store.users.teamLead('design'))?.login).toBe('bob');
      // The team's own lead comes first.
      await ctx.store.teams.setLead('design', 'u-a');
      expect((await ctx.store.users.teamLead('design'))?.login).toBe('amy');
    });

    it('mirrors the spec teams: upserts, keeps leads, removes the rest with their memberships', async () => {
      await seed();
      await ctx.store.teams.setLead('tech', 'u-b');
      const removed = await ctx.store.teams.mirror([{ key: 'tech', label: { en: 'Tech 2' } }]);
      expect(removed).toEqual(['design']);
      expect(await ctx.store.teams.list()).toEqual([
        {
          key: 'tech',
          label: { en: 'Tech 2' },
          parentKey: null,
          leadUserId: 'u-b',
          members: ['u-a', 'u-b'],
        },
      ]);
      expect(await ctx.store.users.teamsOf('u-a')).toEqual(['tech']);
      expect(await ctx.store.teams.exists('design')).toBe(false);
      await ctx.store.teams.upsert({ key: 'ops', label: { en: 'Ops' }, parentKey: 'tech' });
      expect((await ctx.store.teams.list()).map((t) => [t.key, t.parentKey])).toEqual([
        ['ops', 'tech'],
        ['tech', null],
      ]);
    });
  });

  describe(`${factory.dialect}: sessions and tokens`, () => {
    it('creates, slides, and ends sessions', async () => {
      await seed();
      const s = {
        id: 'hash-1',
        userId: 'u-a',
        createdAt: 1,
        expiresAt: 100,
        lastSeenAt: 1,
        ip: '127.0.0.1',
        userAgent: null,
      };
      await ctx.store.sessions.insert(s);
      await ctx.store.sessions.insert({ ...s, id: 'hash-2', expiresAt: 50 });
      await ctx.store.sessions.insert({ ...s, id: 'hash-3', userId: 'u-b' });
      expect(await ctx.store.sessions.get('hash-1')).toEqual(s);
      await ctx.store.sessions.touch('hash-1', 60, 200);
      expect(await ctx.store.sessions.get('hash-1')).toMatchObject({
        lastSeenAt: 60,
        expiresAt: 200,
      });
      expect(await ctx.store.sessions.purgeExpired(50)).toBe(1);
      await ctx.store.sessions.insert({ ...s, id: 'hash-4', userId: 'u-b' });
      expect(await ctx.store.sessions.removeForUser('u-b', 'hash-4')).toBe(1);
      expect(await ctx.store.sessions.get('hash-4')).not.toBeNull();
      expect(await ctx.store.sessions.removeForUser('u-b')).toBe(1);
      await ctx.store.sessions.remove('hash-1');
      expect(await ctx.store.sessions.get('hash-1')).toBeNull();
    });

    it('issues, finds, touches and revokes API tokens', async () => {
      const t = {
        id: 'tok-1',
        name: 'CI',
        tokenHash: 'sha-1',
        role: 'admin',
        userId: null,
        createdBy: 'u-a',
        createdAt: 5,
      };
      await ctx.store.tokens.insert(t);
      await ctx.store.tokens.insert({ ...t, id: 'tok-2', tokenHash: 'sha-2', createdAt: 6 });
      expect(await ctx.store.tokens.byHash('sha-1')).toEqual({
        ...t,
        lastUsedAt: null,
        revokedAt: null,
      });
      await ctx.store.tokens.touch('tok-1', 9);
      expect((await ctx.store.tokens.byId('tok-1'))?.lastUsedAt).toBe(9);
      expect((await ctx.store.tokens.list()).map((x) => x.id)).toEqual(['tok-2', 'tok-1']);
      expect(await ctx.store.tokens.revoke('tok-1', 10)).toBe(true);
      expect(await ctx.store.tokens.revoke('tok-1', 11)).toBe(false);
      expect((await ctx.store.tokens.byHash('sha-1'))?.revokedAt).toBe(10);
      await expect(ctx.store.tokens.insert({ ...t, id: 'tok-3' })).rejects.toThrow();
    });
  });
}
