import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { validateSpec } from '@trellis/spec';
import { HOUR, setup } from './fixtures/harness';
import { loadEducationSpec } from './fixtures/education';

const spec = loadEducationSpec();
let ctx = await setup(spec);
afterEach(async () => {
  await ctx.store.close();
  ctx = await setup(spec);
});
// The store the last test's clean-up opened.
afterAll(() => ctx.store.close());

const advisor = {
  actor: { kind: 'user' as const, userId: 'u-advisor', role: 'sales' },
  via: 'ui' as const,
  locale: 'zh-CN' as const,
};
const intake = {
  actor: { kind: 'public' as const },
  via: 'intake' as const,
  locale: 'zh-CN' as const,
  mode: 'merge' as const,
};

describe('education template through the engine', () => {
  it('is a valid spec', () => {
    expect(validateSpec(spec, { locale: 'en' }).errors).toEqual([]);
  });

  it('collapses a Douyin form lead and a website form lead with the same mobile into one record', async () => {
    const first = await ctx.engine.records.create(
      'lead',
      { name: '小林', phone: '+86 138-0013-8000', source: 'douyin', course: 'python' },
      { ...intake, touch: { utmSource: 'douyin' } },
    );
    expect(first.ok && first.record).toMatchObject({
      phone: '+8613800138000',
      stage: 'new',
      source: 'douyin',
      profileScore: 50,
    });
    const second = await ctx.engine.records.create(
      'lead',
      {
        name: '林同学',
        phone: '１３８００１３８０００',
        city: '330100',
        budgetRange: 'from5kTo10k',
      },
      { ...intake, touch: { utmSource: 'baidu' } },
    );
    expect(second.ok && second.merged).toBe(true);
    expect(second.ok && second.record).toMatchObject({
      name: '小林',
      city: '330100',
      budgetRange: 'from5kTo10k',
      profileScore: 75,
    });
    expect(await ctx.count('e_lead')).toBe(1);
    expect(await ctx.count('touches')).toBe(2);
  });

  it('rounds profile completeness to a whole percent like B2B: 3 of the 8 core fields read 38, 5 read 63 (not 37.5, 62.5)', async () => {
    const score = async (values: Record<string, unknown>) => {
      const r = await ctx.engine.records.create('lead', values, advisor);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.record.profileScore;
    };
    await expect(score({ name: '陈晨', phone: '13912340001', source: 'website' })).resolves.toBe(
      38,
    );
    await expect(
      score({
        name: '陈一鸣',
        phone: '13912340002',
        source: 'website',
        course: 'python',
        city: '330100',
      }),
    ).resolves.toBe(63);
  });

  it('walks a lead from prospect to enrolled through every gate', async () => {
    const created = await ctx.engine.records.create(
      'lead',
      { name: '周杰', phone: '13912345678', source: 'website' },
      advisor,
    );
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    const id = created.record.id;
    const move = (stage: string, values?: Record<string, unknown>) =>
      ctx.engine.records.changeStage('lead', id, stage, {
        ...advisor,
        ...(values ? { values } : {}),
      });

    const q = await move('qualified');
    expect(!q.ok && q.error.errors.map((e) => e.path)).toEqual([
      '/course',
      '/budgetRange',
      '/decisionCycle',
    ]);
    expect(!q.ok && q.error.errors[0]!.message).toBe('进入“需求确认”前必须填写“意向课程”');
    expect(
      (
        await move('qualified', {
          course: 'dataAnalysis',
          budgetRange: 'from10kTo20k',
          decisionCycle: 'withinMonth',
        })
      ).ok,
    ).toBe(true);
    expect((await move('trial', { trialAt: ctx.clock.now() + 48 * HOUR })).ok).toBe(true);

    const quoted = await move('quoted');
    expect(!quoted.ok && quoted.error.errors.map((e) => e.code)).toEqual(['stage_evidence']);
    ctx.clock.advance(48 * HOUR);
    expect(
      (
        await ctx.engine.activities.log(
          'lead',
          id,
          { type: 'trial-class', body: '试听数据分析第一课，反馈很好' },
          advisor,
        )
      ).ok,
    ).toBe(true);
    expect((await move('quoted')).ok).toBe(true);

    const won = await move('won');
    expect(!won.ok && won.error.errors.map((e) => e.code)).toEqual([
      'stage_requires',
      'stage_enter_if',
      'stage_evidence',
    ]);
    await ctx.engine.activities.log(
      'lead',
      id,
      {
        type: 'quote',
        body: '报价 12800 元',
        attachments: [{ id: 'f-1', name: '报价单.pdf', size: 20480, mime: 'application/pdf' }],
      },
      advisor,
    );
    expect((await move('won', { quotedAmount: 1280000 })).ok).toBe(true);

    const stages = await ctx.store.transitions.listFor('lead', id);
    expect(stages.map((s) => s.toStage)).toEqual(['new', 'qualified', 'trial', 'quoted', 'won']);
    const types = (await ctx.outbox()).map((e) => e.type);
    expect(types).toEqual([
      'record.created',
      'stage.changed',
      'stage.changed',
      'activity.logged',
      'stage.changed',
      'activity.logged',
      'stage.changed',
    ]);
  });

  it('needs a loss note when the loss reason is "other"', async () => {
    const created = await ctx.engine.records.create(
      'lead',
      { name: '吴敏', phone: '13600136000' },
      advisor,
    );
    if (!created.ok) throw new Error('setup');
    const r = await ctx.engine.records.changeStage('lead', created.record.id, 'lost', {
      ...advisor,
      values: { lossReason: 'other' },
    });
    expect(!r.ok && r.error.errors.map((e) => [e.path, e.code])).toEqual([
      ['/lossNote', 'requiredIf'],
    ]);
  });
});
