import { describe, expect, it } from 'vitest';
import { leadApp } from '../../test/fixtures/lead-app';
import { createSpecModel } from '../model/spec-model';
import { checkStageGate, type EvidenceActivity } from './stage-gate';

const spec = createSpecModel(leadApp, 1);
const model = spec.entity('lead')!;
const activityLabel = (type: string, locale: 'en' | 'zh-CN') =>
  spec.activityType(type)?.label[locale] ?? type;

function gate(
  from: string | null,
  to: string,
  record: Record<string, unknown>,
  evidence: EvidenceActivity[] = [],
  locale: 'en' | 'zh-CN' = 'en',
) {
  return checkStageGate({ model, from, to, record, evidence, locale, now: 0, activityLabel });
}

describe('checkStageGate', () => {
  it('lets a record into a stage without conditions', () => {
    expect(gate('new', 'contacted', {})).toEqual([]);
  });

  it('refuses an unknown stage', () => {
    expect(gate('new', 'nowhere', {}).map((e) => e.code)).toEqual(['stage_unknown']);
  });

  it('lists every required field that is empty, by path', () => {
    const errors = gate('contacted', 'qualified', { budget: null, decisionCycle: '' });
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['/budget', 'stage_requires'],
      ['/decisionCycle', 'stage_requires'],
    ]);
    expect(errors[0]!.message).toBe('"Budget" must be filled before entering "Qualified"');
    expect(gate('contacted', 'qualified', { budget: 1, decisionCycle: 'week' })).toEqual([]);
  });

  it('refuses a transition the current stage does not allow', () => {
    const [e] = gate('qualified', 'won', {});
    expect(e).toMatchObject({ path: '/stage', code: 'stage_transition' });
    expect(e!.message).toBe('Cannot move from "Qualified" to "Won" (allowed: Trial, Lost)');
  });

  it('refuses when enterIf does not hold and names the evidence still missing', () => {
    const errors = gate('qualified', 'trial', { budget: 500 });
    expect(errors.map((e) => e.code)).toEqual(['stage_enter_if', 'stage_evidence']);
    expect(errors[1]!.message).toBe(
      'Log a "Call" activity in the current stage before entering "Trial"',
    );
    expect(
      gate('qualified', 'trial', { budget: 200000 }, [{ type: 'call', hasAttachment: false }]),
    ).toEqual([]);
  });

  it('requires an attachment when the evidence says so', () => {
    const without = gate(
      'trial',
      'quoted',
      {},
      [{ type: 'proposal', hasAttachment: false }],
      'zh-CN',
    );
    expect(without).toHaveLength(1);
    expect(without[0]).toMatchObject({
      code: 'stage_evidence',
      params: { activityType: 'proposal', withAttachment: true },
    });
    expect(without[0]!.message).toBe(
      '进入“报价沟通”前需要在当前阶段记录一条带附件的“发送方案”跟进',
    );
    expect(gate('trial', 'quoted', {}, [{ type: 'call', hasAttachment: true }])).toHaveLength(1);
    expect(gate('trial', 'quoted', {}, [{ type: 'proposal', hasAttachment: true }])).toEqual([]);
  });

  it('states labelled evidence as the spec words it, not as an activity to log', () => {
    const app = structuredClone(leadApp);
    const quoted = app.pipelines![0]!.stages.find((s) => s.key === 'quoted')!;
    quoted.evidence = [
      {
        activityType: 'proposal',
        withAttachment: true,
        label: { 'zh-CN': '已发送方案（附 PDF）', en: 'The proposal has been sent (PDF attached)' },
      },
    ];
    const labelled = createSpecModel(app, 2);
    const refuse = (locale: 'en' | 'zh-CN') =>
      checkStageGate({
        model: labelled.entity('lead')!,
        from: 'trial',
        to: 'quoted',
        record: {},
        evidence: [{ type: 'proposal', hasAttachment: false }],
        locale,
        now: 0,
        activityLabel,
      });
    const [en] = refuse('en');
    expect(en).toMatchObject({
      code: 'stage_evidence',
      params: { activityType: 'proposal', activity: 'Proposal sent', withAttachment: true },
    });
    expect(en!.message).toBe(
      'Needed before entering "Quoted": The proposal has been sent (PDF attached)',
    );
    expect(refuse('zh-CN')[0]!.message).toBe('进入“报价沟通”前需要：已发送方案（附 PDF）');
  });

  it('combines requires with transitions into one refusal', () => {
    expect(gate('qualified', 'lost', {}).map((e) => e.path)).toEqual(['/lossReason']);
  });
});
