import { afterEach, describe, expect, it } from 'vitest';
import { HOUR, opts, setup } from '../../test/fixtures/harness';

let ctx = setup();
afterEach(() => {
  ctx.db.close();
  ctx = setup();
});

function lead() {
  const r = ctx.engine.records.create('lead', { name: '王芳' }, opts);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.record;
}

describe('activities.log', () => {
  it('stores the follow-up, moves lastActivityAt and the no-activity SLA, and emits activity.logged', () => {
    const rec = lead();
    const created = ctx.clock.now();
    expect(rec.slaDueAt).toBe(created + 48 * HOUR);
    ctx.clock.advance(10 * HOUR);
    const r = ctx.engine.activities.log(
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
    const after = ctx.engine.records.get('lead', rec.id, opts);
    expect(after.ok && after.record).toMatchObject({
      lastActivityAt: created + 10 * HOUR,
      slaDueAt: created + 58 * HOUR,
    });
    const events = ctx.outbox();
    expect(events.map((e) => e.type)).toEqual(['record.created', 'activity.logged']);
    expect(events[1]!.payload).toMatchObject({
      activityType: 'wechat',
      countsAsContact: true,
      record: { lastActivityAt: created + 10 * HOUR },
    });
  });

  it('does not count a note as contact', () => {
    const rec = lead();
    ctx.clock.advance(HOUR);
    ctx.engine.activities.log('lead', rec.id, { type: 'note', body: '家长比较犹豫' }, opts);
    const after = ctx.engine.records.get('lead', rec.id, opts);
    expect(after.ok && after.record).toMatchObject({
      lastActivityAt: null,
      slaDueAt: rec.slaDueAt,
      version: 1,
    });
    expect(ctx.outbox().map((e) => e.type)).toEqual(['record.created', 'activity.logged']);
  });

  it('keeps the later contact time when an older call is logged afterwards', () => {
    const rec = lead();
    ctx.clock.advance(5 * HOUR);
    ctx.engine.activities.log('lead', rec.id, { type: 'call', body: 'now' }, opts);
    ctx.engine.activities.log(
      'lead',
      rec.id,
      { type: 'call', body: 'yesterday', occurredAt: ctx.clock.now() - 3 * HOUR },
      opts,
    );
    const after = ctx.engine.records.get('lead', rec.id, opts);
    expect(after.ok && after.record.lastActivityAt).toBe(ctx.clock.now());
    const list = ctx.engine.activities.list('lead', rec.id, opts);
    expect(list.ok && list.activities.map((a) => a.body)).toEqual(['now', 'yesterday']);
  });

  it('never moves the contact time into the future', () => {
    const rec = lead();
    ctx.engine.activities.log(
      'lead',
      rec.id,
      { type: 'call', body: 'typed early', occurredAt: ctx.clock.now() + 24 * HOUR },
      opts,
    );
    const after = ctx.engine.records.get('lead', rec.id, opts);
    expect(after.ok && after.record.lastActivityAt).toBe(ctx.clock.now());
  });

  it('refuses an unknown type, an empty body and bad attachments, writing nothing', () => {
    const rec = lead();
    const r = ctx.engine.activities.log(
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
    expect(ctx.count('activities')).toBe(0);
    expect(ctx.count('outbox')).toBe(1);
    expect(
      ctx.engine.activities.log('lead', 'missing', { type: 'call', body: 'x' }, opts),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
