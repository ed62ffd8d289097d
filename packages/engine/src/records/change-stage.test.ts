import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { HOUR, opts, setup } from '../../test/fixtures/harness';
import { pick } from '../../test/fixtures/rows';

let ctx = await setup();
afterEach(async () => {
  await ctx.store.close();
  ctx = await setup();
});
// The store the last test's clean-up opened.
afterAll(() => ctx.store.close());

async function lead(values: Record<string, unknown> = {}) {
  const r = await ctx.engine.records.create('lead', { name: '韩梅梅', ...values }, opts);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.record;
}
const move = (id: string, stage: string, extra: Record<string, unknown> = {}) =>
  ctx.engine.records.changeStage('lead', id, stage, { ...opts, ...extra });
const pdf = { id: 'f1', name: '方案.pdf', size: 1024, mime: 'application/pdf' };

describe('records.changeStage', () => {
  it('moves the stage with a transition row (dwell time), a new SLA due time and one stage.changed event', async () => {
    const rec = await lead();
    ctx.clock.advance(5 * HOUR);
    const r = await move(rec.id, 'contacted');
    expect(r.ok && r.record).toMatchObject({
      stage: 'contacted',
      stageEnteredAt: ctx.clock.now(),
      slaDueAt: ctx.clock.now() + 7 * 24 * HOUR,
      version: 2,
    });
    const [row] = pick(await ctx.rows('stage_transitions', { to_stage: 'contacted' }), [
      'from_stage',
      'to_stage',
      'dwell_ms',
      'via',
    ]);
    expect(row).toEqual({
      from_stage: 'new',
      to_stage: 'contacted',
      dwell_ms: 5 * HOUR,
      via: 'ui',
    });
    const events = await ctx.outbox();
    expect(events.map((e) => e.type)).toEqual(['record.created', 'stage.changed']);
    expect(events[1]!.payload).toMatchObject({
      from: 'new',
      to: 'contacted',
      dwellMs: 5 * HOUR,
      changed: ['stage'],
    });
    expect(await ctx.count('record_history', { field: 'stage' })).toBe(0);
  });

  it('refuses a stage whose required fields are empty and lists them; nothing is written', async () => {
    const rec = await lead();
    const r = await move(rec.id, 'qualified');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('stage_gate');
    expect(r.error.message).toBe('Cannot enter stage "Qualified": requirements not met (2)');
    expect(r.error.errors.map((e) => [e.path, e.code])).toEqual([
      ['/budget', 'stage_requires'],
      ['/decisionCycle', 'stage_requires'],
    ]);
    expect(await ctx.engine.records.get('lead', rec.id, opts)).toMatchObject({
      record: { stage: 'new', version: 1 },
    });
    expect(await ctx.count('stage_transitions')).toBe(1);
    expect(await ctx.count('outbox')).toBe(1);
  });

  it('accepts the missing values given together with the stage', async () => {
    const rec = await lead();
    const r = await move(rec.id, 'qualified', {
      values: { budget: 200000, decisionCycle: 'week' },
    });
    expect(r.ok && r.record).toMatchObject({ stage: 'qualified', budget: 200000 });
    expect((await ctx.outbox()).map((e) => e.type)).toEqual(['record.created', 'stage.changed']);
    expect((await ctx.outbox())[1]!.payload.fields).toEqual([
      'budget',
      'decisionCycle',
      'budgetYuan',
    ]);
  });

  it('refuses a transition the current stage does not allow', async () => {
    const rec = await lead({ budget: 200000, decisionCycle: 'week' });
    expect((await move(rec.id, 'qualified')).ok).toBe(true);
    const r = await move(rec.id, 'won');
    expect(!r.ok && r.error.errors.map((e) => e.code)).toEqual(['stage_transition']);
  });

  it('refuses when enterIf does not hold and when evidence is missing; passes once both are there', async () => {
    const rec = await lead({ budget: 500, decisionCycle: 'week' });
    await move(rec.id, 'qualified');
    const r = await move(rec.id, 'trial');
    expect(!r.ok && r.error.errors.map((e) => e.code)).toEqual([
      'stage_enter_if',
      'stage_evidence',
    ]);
    expect(!r.ok && r.error.errors[1]!.message).toBe(
      'Log a "Call" activity in the current stage before entering "Trial"',
    );
    expect(
      (
        await ctx.engine.activities.log(
          'lead',
          rec.id,
          { type: 'call', body: '约了周六试听' },
          opts,
        )
      ).ok,
    ).toBe(true);
    const version = (
      (await ctx.engine.records.get('lead', rec.id, opts)) as { record: { version: number } }
    ).record.version;
    expect((await move(rec.id, 'trial', { values: { budget: 150000 }, version })).ok).toBe(true);
  });

  it('only counts evidence logged since the current stage was entered', async () => {
    const rec = await lead({ budget: 200000, decisionCycle: 'week' });
    await ctx.engine.activities.log('lead', rec.id, { type: 'call', body: 'early call' }, opts);
    ctx.clock.advance(HOUR);
    await move(rec.id, 'qualified');
    const r = await move(rec.id, 'trial');
    expect(!r.ok && r.error.errors.map((e) => e.code)).toEqual(['stage_evidence']);
  });

  it('asks for an attachment when the evidence requires one', async () => {
    const rec = await lead({ budget: 200000, decisionCycle: 'week' });
    await move(rec.id, 'qualified');
    await ctx.engine.activities.log('lead', rec.id, { type: 'call', body: 'ok' }, opts);
    await move(rec.id, 'trial');
    await ctx.engine.activities.log('lead', rec.id, { type: 'proposal', body: '口头报价' }, opts);
    const without = await move(rec.id, 'quoted');
    expect(!without.ok && without.error.errors).toEqual([
      expect.objectContaining({
        path: '/stage',
        code: 'stage_evidence',
        params: expect.objectContaining({ activityType: 'proposal', withAttachment: true }),
      }),
    ]);
    await ctx.engine.activities.log(
      'lead',
      rec.id,
      { type: 'proposal', body: '方案已发送', attachments: [pdf] },
      opts,
    );
    expect((await move(rec.id, 'quoted')).ok).toBe(true);
  });

  it('asks for the pipeline loss reason when moving to a lost stage', async () => {
    const rec = await lead();
    const r = await move(rec.id, 'lost', { locale: 'zh-CN' });
    expect(!r.ok && r.error.errors).toEqual([
      expect.objectContaining({
        path: '/lossReason',
        code: 'stage_requires',
        message: '进入“流失”前必须填写“流失原因”',
      }),
    ]);
    expect((await move(rec.id, 'lost', { values: { lossReason: 'price' } })).ok).toBe(true);
  });

  it('refuses an unknown stage, saying it does not exist, and a stage change in a stale version', async () => {
    const rec = await lead();
    expect(await move(rec.id, 'limbo')).toMatchObject({
      ok: false,
      error: {
        code: 'validation',
        message: 'Stage "limbo" does not exist',
        errors: [
          { path: '/stage', code: 'stage_unknown', message: 'Stage "limbo" does not exist' },
        ],
      },
    });
    await ctx.engine.records.update('lead', rec.id, { notes: 'x' }, opts);
    expect(await move(rec.id, 'contacted', { version: 1 })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });

  it('mixes gate refusals with field errors as one validation failure', async () => {
    const rec = await lead();
    const r = await move(rec.id, 'qualified', { values: { age: 'old' } });
    expect(!r.ok && r.error.code).toBe('validation');
    expect(!r.ok && r.error.errors.map((e) => e.code)).toEqual([
      'type',
      'stage_requires',
      'stage_requires',
    ]);
  });
});
