import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { HOUR, opts, setup } from '../../test/fixtures/harness';

let ctx = await setup();
afterEach(async () => {
  await ctx.store.close();
  ctx = await setup();
});
// The store the last test's clean-up opened.
afterAll(() => ctx.store.close());

async function lead() {
  const r = await ctx.engine.records.create('lead', { name: '王芳' }, opts);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.record;
}

describe('activities.log', () => {
  it('stores the follow-up, moves lastActivityAt and the no-activity SLA, and emits activity.logged', async () => {
    const rec = await lead();
    const created = ctx.clock.now();
    expect(rec.slaDueAt).toBe(created + 48 * HOUR);
    ctx.clock.advance(10 * HOUR);
    const r = await ctx.engine.activities.log(
      'lead',
      rec.id,
      { type: 'wechat', body: '  发了课程表  ' },
      opts,
    );
    expect(r.ok && r.activity).toMatchObject({
      type: 'wechat',
      body: '发了课程表',
      occurredAt: ctx.clock.now(),
      actorId: 'u-rep',
    });
    const after = await ctx.engine.records.get('lead', rec.id, opts);
    expect(after.ok && after.record).toMatchObject({
      lastActivityAt: created + 10 * HOUR,
      slaDueAt: created + 58 * HOUR,
    });
    const events = await ctx.outbox();
    expect(events.map((e) => e.type)).toEqual(['record.created', 'activity.logged']);
    expect(events[1]!.payload).toMatchObject({
      activityType: 'wechat',
      countsAsContact: true,
      record: { lastActivityAt: created + 10 * HOUR },
    });
  });

  it('does not count a note as contact', async () => {
    const rec = await lead();
    ctx.clock.advance(HOUR);
    await ctx.engine.activities.log('lead', rec.id, { type: 'note', body: '家长比较犹豫' }, opts);
    const after = await ctx.engine.records.get('lead', rec.id, opts);
    expect(after.ok && after.record).toMatchObject({
      lastActivityAt: null,
      slaDueAt: rec.slaDueAt,
      version: 1,
    });
    expect((await ctx.outbox()).map((e) => e.type)).toEqual(['record.created', 'activity.logged']);
  });

  it('keeps the later contact time when an older call is logged afterwards', async () => {
    const rec = await lead();
    ctx.clock.advance(5 * HOUR);
    await ctx.engine.activities.log('lead', rec.id, { type: 'call', body: 'now' }, opts);
    await ctx.engine.activities.log(
      'lead',
      rec.id,
      { type: 'call', body: 'yesterday', occurredAt: ctx.clock.now() - 3 * HOUR },
      opts,
    );
    const after = await ctx.engine.records.get('lead', rec.id, opts);
    expect(after.ok && after.record.lastActivityAt).toBe(ctx.clock.now());
    const list = await ctx.engine.activities.list('lead', rec.id, opts);
    expect(list.ok && list.activities.map((a) => a.body)).toEqual(['now', 'yesterday']);
  });

  it('never moves the contact time into the future', async () => {
    const rec = await lead();
    await ctx.engine.activities.log(
      'lead',
      rec.id,
      { type: 'call', body: 'typed early', occurredAt: ctx.clock.now() + 24 * HOUR },
      opts,
    );
    const after = await ctx.engine.records.get('lead', rec.id, opts);
    expect(after.ok && after.record.lastActivityAt).toBe(ctx.clock.now());
  });

  it('refuses an unknown type, an empty body and bad attachments, writing nothing', async () => {
    const rec = await lead();
    const r = await ctx.engine.activities.log(
      'lead',
      rec.id,
      { type: 'telegram', body: ' ', attachments: 'pdf' as never },
      opts,
    );
    expect(!r.ok && r.error.errors.map((e) => [e.path, e.code])).toEqual([
      ['/type', 'unknown_activity_type'],
      ['/attachments', 'type'],
      ['/body', 'required'],
    ]);
    expect(await ctx.count('activities')).toBe(0);
    expect(await ctx.count('outbox')).toBe(1);
    expect(
      await ctx.engine.activities.log('lead', 'missing', { type: 'call', body: 'x' }, opts),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses a body of only invisible characters, control characters or over 10,000 characters (issue 11 item 10)', async () => {
    const rec = await lead();
    const codes = async (body: string) => {
      const r = await ctx.engine.activities.log('lead', rec.id, { type: 'call', body }, opts);
      return !r.ok && r.error.errors.map((e) => [e.path, e.code]);
    };
    expect(await codes('\u200B\u200B ')).toEqual([['/body', 'required']]);
    expect(await codes('call\u0000back')).toEqual([['/body', 'invalid_characters']]);
    expect(await codes('x'.repeat(10_001))).toEqual([['/body', 'too_long']]);
    expect(await ctx.count('activities')).toBe(0);
    const ok = await ctx.engine.activities.log(
      'lead',
      rec.id,
      { type: 'call', body: '\u200B约了周六试听\r\n\t带家长 ' },
      opts,
    );
    expect(ok.ok && ok.activity.body).toBe('约了周六试听\n\t带家长');
  });
});
