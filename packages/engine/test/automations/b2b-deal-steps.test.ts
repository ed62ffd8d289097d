import { afterEach, describe, expect, it } from 'vitest';
import { createPermissionPort } from '../../src/index';
import { admin, setupAutomations, type Harness } from './support/harness';
import { b2bPeople, b2bSpec } from './support/b2b';

// Seed 003's "可验证的关键动作" and its weekly loss review, walked through the engine with the
// b2b-sales template: a deal moves on only with the evidence of each step ("发送方案" is a
// proposal activity with the PDF attached, a remark does not count), and a lost deal names one
// of the article's root causes (产品认知偏差 / 价格误解 / 决策链误判), "other" with a note.
let h: Harness;
afterEach(() => h?.store.close());
const setup = () => {
  const spec = b2bSpec();
  return setupAutomations({
    spec,
    people: b2bPeople,
    engine: { permissions: createPermissionPort(spec) },
  });
};
const rep = {
  ...admin,
  locale: 'zh-CN' as const,
  actor: { kind: 'user' as const, userId: 'u-xu.yan', role: 'sales' },
};

async function newDeal(title: string) {
  const c = await h.engine.records.create(
    'customer',
    {
      companyName: `${title}有限公司`,
      taxId: '91330100MA2B3C4D5E',
      contactName: '王经理',
      phone: '+8613900139000',
      firstChannel: 'expo',
    },
    rep,
  );
  if (!c.ok) throw new Error(JSON.stringify(c.error));
  const d = await h.engine.records.create(
    'deal',
    { title, customer: c.record.id, contactLevel: 'staff' },
    rep,
  );
  if (!d.ok) throw new Error(JSON.stringify(d.error));
  const id = d.record.id;
  const move = (stage: string, values?: Record<string, unknown>) =>
    h.engine.records.changeStage('deal', id, stage, { ...rep, ...(values ? { values } : {}) });
  const log = (type: string, attachments?: { name: string; mime: string }[]) =>
    h.engine.activities.log(
      'deal',
      id,
      {
        type,
        body: type,
        ...(attachments
          ? { attachments: attachments.map((a, i) => ({ id: `f-${i}`, size: 20480, ...a })) }
          : {}),
      },
      rep,
    );
  return { id, move, log };
}
const codes = (r: { ok: boolean; error?: { errors?: { code: string; path: string }[] } }) =>
  r.ok ? [] : r.error!.errors!.map((e) => [e.code, e.path]);

describe('templates/b2b-sales: a deal’s verifiable steps and its loss reason', () => {
  it('moves a deal on only with each step’s evidence: the qualification facts, a logged demo, the proposal with its PDF', async () => {
    h = await setup();
    const deal = await newDeal('苏州精密 MES 升级');
    // 需求确认 (MQL → SQL) needs the budget, the decision-maker and the close date, named in Chinese.
    const q = await deal.move('qualified');
    expect(codes(q)).toEqual([
      ['stage_requires', '/amount'],
      ['stage_requires', '/decisionMaker'],
      ['stage_requires', '/expectedCloseDate'],
    ]);
    expect(!q.ok && q.error.errors![1]!.message).toContain('决策人');
    expect(
      codes(
        await deal.move('qualified', {
          amount: 120_000_000,
          decisionMaker: '陈总',
          expectedCloseDate: '2027-03-31',
        }),
      ),
    ).toEqual([]);
    // 方案演示 needs a demo on record, not a call.
    await deal.log('call');
    expect(codes(await deal.move('proposal'))).toEqual([['stage_evidence', '/stage']]);
    await deal.log('demo');
    expect(codes(await deal.move('proposal'))).toEqual([]);
    // 商务谈判: "已发送方案" without the PDF does not count, nor a PDF under a note.
    await deal.log('proposal');
    await deal.log('note', [{ name: '方案.pdf', mime: 'application/pdf' }]);
    const sent = await deal.move('negotiation');
    expect(codes(sent)).toEqual([['stage_evidence', '/stage']]);
    expect(!sent.ok && sent.error.errors![0]!.message).toContain('PDF');
    await deal.log('proposal', [{ name: '苏州精密-MES方案.pdf', mime: 'application/pdf' }]);
    expect(codes(await deal.move('negotiation'))).toEqual([]);
    expect(codes(await deal.move('won'))).toEqual([]);
    const stages = await h.store.transitions.listFor('deal', deal.id);
    expect(stages.map((s) => s.toStage)).toEqual([
      'new',
      'qualified',
      'proposal',
      'negotiation',
      'won',
    ]);
  });

  it('closes a lost deal only with a root cause: the article’s three are options, "other" needs a note', async () => {
    h = await setup();
    const deal = await newDeal('杭州云帆 ERP');
    expect(codes(await deal.move('lost'))).toEqual([['stage_requires', '/lossReason']]);
    expect(codes(await deal.move('lost', { lossReason: 'other' }))).toEqual([
      ['requiredIf', '/lossNote'],
    ]);
    // Nothing of a refused move is written.
    const still = await h.engine.records.get('deal', deal.id, rep);
    expect(still.ok && [still.record.stage, still.record.lossReason ?? null]).toEqual([
      'new',
      null,
    ]);
    const reason = b2bSpec()
      .entities.find((e) => e.key === 'deal')!
      .fields.find((f) => f.key === 'lossReason') as { options: { label: { 'zh-CN': string } }[] };
    expect(reason.options.map((o) => o.label['zh-CN'])).toEqual(
      expect.arrayContaining(['产品认知偏差', '价格误解', '决策链误判']),
    );
    expect(codes(await deal.move('lost', { lossReason: 'decisionChain' }))).toEqual([]);
    const lost = await h.engine.records.get('deal', deal.id, rep);
    expect(lost.ok && [lost.record.stage, lost.record.lossReason]).toEqual([
      'lost',
      'decisionChain',
    ]);
  });
});
