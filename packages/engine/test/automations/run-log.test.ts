import { afterEach, describe, expect, it } from 'vitest';
import {
  admin,
  marker,
  setupAutomations,
  specWith,
  type Harness,
  createLead,
} from './support/harness';

let h: Harness;
afterEach(() => h?.store.close());
const label = { 'zh-CN': '测试', en: 'Test' };

function lead(values: Record<string, unknown> = {}) {
  return createLead(h, { name: '刘洋', ...values });
}

describe('recursion bound', () => {
  it('stops an automation that keeps triggering itself at the depth limit and logs it as stopped', async () => {
    h = await setupAutomations({
      options: { maxDepth: 4 },
      spec: specWith([
        {
          key: 'loop',
          label,
          on: { type: 'record.updated', entity: 'lead' },
          do: [{ type: 'setFields', values: { age: { '+': [{ var: 'age' }, 1] } } }],
        },
      ]),
    });
    const r = await lead({ age: 20 });
    await h.engine.records.update('lead', r.id, { notes: 'start' }, admin);
    const report = await h.automations.drain();
    expect(report.failedEvents).toBe(0);
    expect(await h.automations.pending()).toBe(0);
    const runs = (await h.automations.runs({ automationKey: 'loop' })).reverse();
    expect(runs.map((x) => [x.depth, x.status])).toEqual([
      [0, 'succeeded'],
      [1, 'succeeded'],
      [2, 'succeeded'],
      [3, 'succeeded'],
      [4, 'stopped'],
    ]);
    expect(runs[4]?.error).toBe(
      'Automation chain depth 4 exceeds the limit 4; stopped to prevent a loop',
    );
    const got = await h.engine.records.get('lead', r.id, admin);
    expect(got.ok && got.record.age).toBe(24);
  });
});

describe('run log', () => {
  it('stores trigger, event, matched condition, each action result and duration; queryable per record and automation', async () => {
    h = await setupAutomations({
      spec: specWith([
        {
          key: 'python',
          label,
          on: { type: 'record.created', entity: 'lead' },
          if: {
            and: [
              { '==': [{ var: 'course' }, 'python'] },
              { '==': [{ var: 'source' }, 'website'] },
            ],
          },
          do: [marker('hello'), { type: 'moveStage', stage: 'won' }, marker('never')],
        },
      ]),
    });
    const yes = await lead({ course: 'python' });
    const no = await lead({ course: 'java', source: 'douyin' });
    await h.automations.drain();
    const [failed] = await h.automations.runs({ recordId: yes.id });
    expect(failed).toMatchObject({
      automationKey: 'python',
      triggerType: 'record.created',
      entity: 'lead',
      recordId: yes.id,
      matched: true,
      status: 'failed',
      depth: 0,
      dryRun: false,
    });
    expect(failed?.eventId).toMatch(/^t-/);
    expect(failed?.conditionTrace).toEqual({ matched: true, failed: [] });
    expect(failed?.actions.map((a) => [a.index, a.type, a.status])).toEqual([
      [0, 'createTask', 'succeeded'],
      [1, 'moveStage', 'failed'],
      [2, 'createTask', 'skipped'],
    ]);
    expect(failed?.error).toMatch(/^The write was refused: Cannot enter stage "Enrolled"/);
    expect(failed?.durationMs).toBeGreaterThanOrEqual(0);
    expect(failed?.startedAt).toBe(h.clock.now());
    const [skipped] = await h.automations.runs({ recordId: no.id });
    expect(skipped).toMatchObject({ matched: false, status: 'skipped', actions: [] });
    // Which part failed, with the value it had.
    expect(skipped?.conditionTrace?.failed).toEqual([
      { path: '/if/and/0', expr: { '==': [{ var: 'course' }, 'python'] }, value: false },
      { path: '/if/and/1', expr: { '==': [{ var: 'source' }, 'website'] }, value: false },
    ]);
    expect(await h.automations.runs({ automationKey: 'python' })).toHaveLength(2);
    expect(await h.automations.runs({ automationKey: 'python', status: 'failed' })).toHaveLength(1);
    expect(await h.automations.runs({ automationKey: 'other' })).toEqual([]);
  });

  it('records a condition that cannot be evaluated as a failed run with the error', async () => {
    h = await setupAutomations({
      spec: specWith([
        {
          key: 'broken',
          label,
          on: { type: 'record.created', entity: 'lead' },
          if: { noSuchOperator: [1] },
          do: [marker('x')],
        },
      ]),
    });
    await lead();
    await h.automations.drain();
    const [run] = await h.automations.runs({ automationKey: 'broken' });
    expect(run?.status).toBe('failed');
    expect(run?.matched).toBe(false);
    expect(run?.conditionTrace?.failed[0]?.path).toBe('/if');
    expect(run?.error).toMatch(/noSuchOperator/);
  });

  it('lists every part of a failed top-level "or"', async () => {
    h = await setupAutomations({
      spec: specWith([
        {
          key: 'either',
          label,
          on: { type: 'record.created', entity: 'lead' },
          if: { or: [{ '==': [{ var: 'course' }, 'python'] }, { '>': [{ var: 'age' }, 30] }] },
          do: [marker('x')],
        },
      ]),
    });
    await lead({ course: 'java', age: 25 });
    await h.automations.drain();
    expect(
      (await h.automations.runs({ automationKey: 'either' }))[0]?.conditionTrace?.failed.map(
        (f) => [f.path, f.value],
      ),
    ).toEqual([
      ['/if/or/0', false],
      ['/if/or/1', false],
    ]);
  });
});
