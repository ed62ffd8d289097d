import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { opts, setup } from '../../test/fixtures/harness';

let ctx = await setup();
afterEach(async () => {
  await ctx.store.close();
  ctx = await setup();
});
// The store the last test's clean-up opened.
afterAll(() => ctx.store.close());

const codes = (r: Awaited<ReturnType<typeof ctx.engine.records.create>>) =>
  r.ok ? 'ok' : r.error.errors.map((e) => [e.path, e.code, e.message]);

describe('owner, team and user fields name real people', () => {
  it('refuses unknown or disabled users and unknown teams on create, writing nothing', async () => {
    await ctx.addUser('u-ann');
    await ctx.addUser('u-gone', 'disabled');
    await ctx.addTeam('tech');
    const r = await ctx.engine.records.create(
      'lead',
      { name: '王芳', ownerId: 'u-nobody', teamId: 'ghosts', advisor: 'u-gone' },
      opts,
    );
    expect(r.ok || r.error.code).toBe('validation');
    expect(codes(r)).toEqual([
      ['/ownerId', 'user_not_found', '"Owner" names user u-nobody, who does not exist'],
      ['/teamId', 'team_not_found', '"Team" names team ghosts, which does not exist'],
      ['/advisor', 'user_disabled', '"Advisor" names user u-gone, who is disabled'],
    ]);
    expect(await ctx.count('e_lead')).toBe(0);
    expect(await ctx.count('outbox')).toBe(0);
    const zh = await ctx.engine.records.create(
      'lead',
      { name: '王芳', advisor: 'u-nobody' },
      { ...opts, locale: 'zh-CN' },
    );
    expect(!zh.ok && zh.error.errors[0]?.message).toBe('“顾问”指向的用户 u-nobody 不存在');
    const good = await ctx.engine.records.create(
      'lead',
      { name: '王芳', ownerId: 'u-ann', teamId: 'tech', advisor: 'u-ann' },
      opts,
    );
    expect(good.ok && [good.record.ownerId, good.record.teamId, good.record.advisor]).toEqual([
      'u-ann',
      'tech',
      'u-ann',
    ]);
  });

  it('checks changed values on update; an away user may own records', async () => {
    await ctx.addUser('u-ann');
    await ctx.addUser('u-away', 'away');
    await ctx.addUser('u-gone', 'disabled');
    const made = await ctx.engine.records.create('lead', { name: '李雷', advisor: 'u-ann' }, opts);
    if (!made.ok) throw new Error('setup');
    const id = made.record.id;
    const bad = await ctx.engine.records.update('lead', id, { ownerId: 'u-gone' }, opts);
    expect(!bad.ok && bad.error.errors.map((e) => [e.path, e.code])).toEqual([
      ['/ownerId', 'user_disabled'],
    ]);
    expect(await ctx.engine.records.get('lead', id, opts)).toMatchObject({
      ok: true,
      record: { version: made.record.version },
    });
    // Disabling the advisor later does not block unrelated edits of the record.
    await ctx.store.users.setStatus('u-ann', 'disabled', 0);
    const ok = await ctx.engine.records.update('lead', id, { ownerId: 'u-away', notes: 'x' }, opts);
    expect(ok.ok && ok.record.ownerId).toBe('u-away');
  });

  it('accepts a login and stores the user id', async () => {
    await ctx.store.users.insert(
      { id: 'u-7', login: 'ma.li', name: '马丽', passwordHash: null, role: 'sales' },
      0,
    );
    const r = await ctx.engine.records.create('lead', { name: '韩梅', advisor: 'ma.li' }, opts);
    expect(r.ok && r.record.advisor).toBe('u-7');
  });
});
