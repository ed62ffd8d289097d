import { afterEach, describe, expect, it } from 'vitest';
import { opts, setup } from '../../test/fixtures/harness';

let ctx = setup();
afterEach(() => {
  ctx.db.close();
  ctx = setup();
});

const codes = (r: ReturnType<typeof ctx.engine.records.create>) =>
  r.ok ? 'ok' : r.error.errors.map((e) => [e.path, e.code, e.message]);

describe('owner, team and user fields name real people', () => {
  it('refuses unknown or disabled users and unknown teams on create, writing nothing', () => {
    ctx.addUser('u-ann');
    ctx.addUser('u-gone', 'disabled');
    ctx.addTeam('tech');
    const r = ctx.engine.records.create(
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
    expect(ctx.count('e_lead')).toBe(0);
    expect(ctx.count('outbox')).toBe(0);
    const zh = ctx.engine.records.create(
      'lead',
      { name: '王芳', advisor: 'u-nobody' },
      { ...opts, locale: 'zh-CN' },
    );
    expect(!zh.ok && zh.error.errors[0]?.message).toBe('“顾问”指向的用户 u-nobody 不存在');
    const good = ctx.engine.records.create(
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

  it('checks changed values on update; an away user may own records', () => {
    ctx.addUser('u-ann');
    ctx.addUser('u-away', 'away');
    ctx.addUser('u-gone', 'disabled');
    const made = ctx.engine.records.create('lead', { name: '李雷', advisor: 'u-ann' }, opts);
    if (!made.ok) throw new Error('setup');
    const id = made.record.id;
    const bad = ctx.engine.records.update('lead', id, { ownerId: 'u-gone' }, opts);
    expect(!bad.ok && bad.error.errors.map((e) => [e.path, e.code])).toEqual([
      ['/ownerId', 'user_disabled'],
    ]);
    expect(ctx.engine.records.get('lead', id, opts)).toMatchObject({
      ok: true,
      record: { version: made.record.version },
    });
    // Disabling the advisor later does not block unrelated edits of the record.
    ctx.db.sqlite.prepare(`UPDATE users SET status = 'disabled' WHERE id = 'u-ann'`).run();
    const ok = ctx.engine.records.update('lead', id, { ownerId: 'u-away', notes: 'x' }, opts);
    expect(ok.ok && ok.record.ownerId).toBe('u-away');
  });

  it('accepts a login and stores the user id', () => {
    ctx.db.sqlite
      .prepare(
        `INSERT INTO users (id, login, name, role, status, created_at, updated_at) VALUES ('u-7', 'ma.li', '马丽', 'sales', 'active', 0, 0)`,
      )
      .run();
    const r = ctx.engine.records.create('lead', { name: '韩梅', advisor: 'ma.li' }, opts);
    expect(r.ok && r.record.advisor).toBe('u-7');
  });
});
