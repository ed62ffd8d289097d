import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { opts, setup } from '../../test/fixtures/harness';
import { leadApp } from '../../test/fixtures/lead-app';
import { pick, withEventId } from '../../test/fixtures/rows';
import { createEngine } from '../engine';
import { allowAllPermissions } from '../ports';

let ctx = await setup();
afterEach(async () => {
  await ctx.store.close();
  ctx = await setup();
});
// The store the last test's clean-up opened.
afterAll(() => ctx.store.close());

describe('records.create', () => {
  it('writes the row, a creation history row, the first stage transition and exactly one outbox event', async () => {
    const r = await ctx.engine.records.create(
      'lead',
      { name: ' 李雷 ', phone: '138 0013 8000', budget: 250000, source: 'douyin' },
      opts,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.record).toMatchObject({
      name: '李雷',
      phone: '+8613800138000',
      budget: 250000,
      budgetYuan: 2500,
      stage: 'new',
      version: 1,
      ownerId: 'u-rep',
      createdBy: 'u-rep',
    });
    expect(r.record.stageEnteredAt).toBe(ctx.clock.now());
    expect(r.record.slaDueAt).toBe(ctx.clock.now() + 48 * 3_600_000);
    expect(await ctx.count('e_lead')).toBe(1);
    const history = pick(await ctx.rows('record_history', { record_id: r.record.id }), [
      'field',
      'before',
      'after',
      'via',
      'actor_id',
    ]);
    expect(history).toEqual([
      {
        field: '$created',
        before: null,
        after: JSON.stringify({
          name: '李雷',
          phone: '+8613800138000',
          budget: 250000,
          source: 'douyin',
          budgetYuan: 2500,
          ownerId: 'u-rep',
        }),
        via: 'ui',
        actor_id: 'u-rep',
      },
    ]);
    expect(
      await ctx.count('stage_transitions', {
        record_id: r.record.id,
        from_stage: null,
        to_stage: 'new',
      }),
    ).toBe(1);
    const events = await ctx.outbox();
    expect(events.map((e) => e.type)).toEqual(['record.created']);
    expect(events[0]!.payload.record).toMatchObject({ id: r.record.id, name: '李雷' });
    expect(events[0]!.via).toBe('ui');
  });

  it('refuses invalid values with every problem listed and writes nothing', async () => {
    const r = await ctx.engine.records.create(
      'lead',
      { phone: '12345', age: 200, source: 'tv' },
      opts,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation');
    expect(r.error.message).toBe('The data has 4 problem(s)');
    expect(r.error.errors.map((e) => [e.path, e.code])).toEqual([
      ['/phone', 'invalid_phone'],
      ['/name', 'required'],
      ['/age', 'maximum'],
      ['/source', 'enum'],
    ]);
    expect(await ctx.count('e_lead')).toBe(0);
    expect(await ctx.count('record_history')).toBe(0);
    expect(await ctx.count('outbox')).toBe(0);
  });

  it('answers in the caller locale', async () => {
    const r = await ctx.engine.records.create('lead', {}, { ...opts, locale: 'zh-CN' });
    expect(!r.ok && r.error).toMatchObject({
      code: 'validation',
      message: '提交的数据有 1 处问题',
      errors: [{ path: '/name', message: '“姓名”为必填项' }],
    });
  });

  it('refuses an unknown entity as a value, not a throw', async () => {
    const r = await ctx.engine.records.create('ghost', { name: 'x' }, opts);
    expect(!r.ok && r.error.code).toBe('unknown_entity');
  });

  it('applies field defaults and lets an import start in a later stage only through that stage gate', async () => {
    const refused = await ctx.engine.records.create(
      'lead',
      { name: 'A', stage: 'qualified' },
      { ...opts, via: 'import' },
    );
    expect(!refused.ok && refused.error.code).toBe('stage_gate');
    expect(!refused.ok && refused.error.errors.map((e) => e.path)).toEqual([
      '/budget',
      '/decisionCycle',
    ]);
    const ok = await ctx.engine.records.create(
      'lead',
      { name: 'A', stage: 'qualified', budget: 1, decisionCycle: 'week' },
      { ...opts, via: 'import' },
    );
    expect(ok.ok && ok.record.stage).toBe('qualified');
    expect(ok.ok && ok.record.slaDueAt).toBeNull();
  });

  it('leaves owner empty for public intake so assignment can route it', async () => {
    const r = await ctx.engine.records.create(
      'lead',
      { name: 'Web' },
      { actor: { kind: 'public' }, via: 'intake' },
    );
    expect(r.ok && r.record.ownerId).toBeNull();
    expect((await ctx.outbox())[0]!.via).toBe('intake');
  });

  it.skipIf(process.env.TRELLIS_TEST_STORE === 'pg')(
    "files an intake's record under its first touch at once: one queued group change, not a move",
    async () => {
      // SQLite queues first-touch group changes (report_touch_pending) for the fold. The touch is
      // written before the row, so the row's trigger reads it: before, the record was filed under
      // no touch and then moved (three queued changes: +1 under none, -1 under none, +1).
      const r = await ctx.engine.records.create(
        'lead',
        { name: 'Web' },
        {
          actor: { kind: 'public' },
          via: 'intake',
          touch: { kind: 'form', utmSource: 'douyin', utmCampaign: 'spring' },
        },
      );
      expect(r.ok).toBe(true);
      const queued = pick(await ctx.rows('report_touch_pending'), [
        'utm_source',
        'utm_campaign',
        'records',
      ]);
      expect(queued).toEqual([{ utm_source: '=douyin', utm_campaign: '=spring', records: 1 }]);
    },
  );

  it('leaves no touch behind when the store refuses an intake row (its id taken)', async () => {
    const forced: string[] = [];
    let n = 0;
    const engine = createEngine({
      store: ctx.store,
      spec: leadApp,
      locale: 'en',
      ids: { next: () => forced.shift() ?? `id-${++n}` },
      permissions: allowAllPermissions,
    });
    const intake = { actor: { kind: 'public' as const }, via: 'intake' as const };
    const touch = { kind: 'form', utmCampaign: 'spring' };
    const first = await engine.records.create('lead', { name: 'One' }, { ...intake, touch });
    if (!first.ok) throw new Error(first.error.message);
    forced.push(String(first.record.id));
    const again = await engine.records.create('lead', { name: 'Two' }, { ...intake, touch });
    expect(again).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await ctx.count('touches')).toBe(1);
  });

  it('never writes half a record when the database refuses a row written after it', async () => {
    // The record's event is written last, in the same store call as the row (RecordRepo.create);
    // its id is taken, so the database refuses it after the row, its transition and history went
    // in: the whole write must roll back.
    await ctx.store.outbox.append({
      id: 'taken',
      type: 'test.event',
      entity: null,
      recordId: null,
      payload: {},
      actorId: null,
      via: null,
      depth: 0,
      createdAt: 1,
    });
    const engine = createEngine({
      store: withEventId(ctx.store, 'taken'),
      spec: leadApp,
      locale: 'en',
      // About the write path, not roles (the fixture has none).
      permissions: allowAllPermissions,
    });
    const r = await engine.records.create('lead', { name: 'Half', phone: '13800138000' }, opts);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('internal');
    expect(await ctx.count('e_lead')).toBe(0);
    expect(await ctx.count('stage_transitions')).toBe(0);
    expect(await ctx.count('record_history')).toBe(0);
    expect(await ctx.count('outbox')).toBe(1);
  });

  it('leaves no stage transition behind when the store refuses the row (its id taken)', async () => {
    // The first transition is written before the row (for the row's report trigger); a row the
    // store refuses must take it back. The second create draws the first one's id.
    const forced: string[] = [];
    let n = 0;
    const engine = createEngine({
      store: ctx.store,
      spec: leadApp,
      locale: 'en',
      ids: { next: () => forced.shift() ?? `id-${++n}` },
      permissions: allowAllPermissions,
    });
    const first = await engine.records.create('lead', { name: 'One', phone: '13800138001' }, opts);
    if (!first.ok) throw new Error(first.error.message);
    forced.push(String(first.record.id));
    const again = await engine.records.create('lead', { name: 'Two', phone: '13800138002' }, opts);
    expect(again).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await ctx.count('e_lead')).toBe(1);
    expect(await ctx.count('stage_transitions')).toBe(1);
    expect(await ctx.count('record_history')).toBe(1);
    expect(await ctx.count('outbox')).toBe(1);
  });
});
