import { afterEach, describe, expect, it } from 'vitest';
import { admin, HOUR, setupAutomations, specWith, type Harness } from './support/harness';
import { json, pick, sortBy } from '../fixtures/rows';

let h: Harness;
afterEach(() => h?.store.close());
const as = (login: string) => ({
  ...admin,
  actor: { kind: 'user' as const, userId: `u-${login}`, role: 'sales' },
});

describe('SLA without an sla.breached automation', () => {
  it("tells the stage's notify list (owner and supervisor) once per breach, each in their language", async () => {
    h = await setupAutomations({ spec: specWith([]) });
    const r = await h.engine.records.create(
      'lead',
      { name: '周杰', phone: '+8613812300001', source: 'website' },
      as('li.na'),
    );
    if (!r.ok) throw new Error('create');
    expect(r.record.slaDueAt).toBe(h.clock.now() + 48 * HOUR);
    h.clock.advance(48 * HOUR);
    expect((await h.automations.tick()).breaches).toBe(1);
    await h.automations.drain();
    h.clock.advance(HOUR);
    await h.automations.tick();
    await h.automations.drain();
    expect(
      pick(sortBy(await h.rows('notifications'), 'user_id'), ['user_id', 'kind', 'title']),
    ).toEqual([
      {
        user_id: 'u-li.na',
        kind: 'sla.breached',
        title: 'Lead "周杰" broke the SLA of stage "Prospect" (48h)',
      },
      {
        user_id: 'u-wang.lei',
        kind: 'sla.breached',
        title: '线索“周杰”在阶段“潜在客户”超过时限（48h）',
      },
    ]);
    // Read in the other language, each reads that language (redaction/localized-texts).
    const shown = async (login: string, locale: 'zh-CN' | 'en') => {
      const [n] = await h.store.notifications.list(`u-${login}`);
      const reader = { kind: 'user' as const, userId: `u-${login}`, role: 'sales', locale };
      return (await h.engine.redact.notification(reader, { ...n!, payload: n!.payload ?? null }))
        .title;
    };
    expect(await shown('li.na', 'zh-CN')).toBe('线索“周杰”在阶段“潜在客户”超过时限（48h）');
    expect(await shown('wang.lei', 'en')).toBe(
      'Lead "周杰" broke the SLA of stage "Prospect" (48h)',
    );
    expect((await h.rows('outbox', { type: 'sla.breached' })).map((e) => json(e.payload))).toEqual([
      { stage: 'new', dueAt: h.clock.now() - HOUR, overdueMs: 0 },
    ]);
  });

  it('a record that left the SLA stage or was deleted is not reported', async () => {
    h = await setupAutomations({ spec: specWith([]) });
    const a = await h.engine.records.create(
      'lead',
      { name: 'A', phone: '+8613812300002', source: 'website', lossReason: 'price' },
      as('li.na'),
    );
    const b = await h.engine.records.create(
      'lead',
      { name: 'B', phone: '+8613812300003', source: 'website' },
      as('li.na'),
    );
    if (!a.ok || !b.ok) throw new Error('create');
    expect((await h.engine.records.changeStage('lead', a.record.id, 'lost', admin)).ok).toBe(true);
    expect((await h.engine.records.remove('lead', b.record.id, admin)).ok).toBe(true);
    h.clock.advance(100 * HOUR);
    expect((await h.automations.tick()).breaches).toBe(0);
  });

  it('a backlog larger than one page of the sweep is reported completely, once', async () => {
    h = await setupAutomations({ spec: specWith([]), seed: true });
    for (let i = 0; i < 1100; i++) {
      const r = await h.engine.records.create(
        'lead',
        { name: `B${i}`, phone: `+86135${String(i).padStart(8, '0')}`, source: 'website' },
        as('li.na'),
      );
      if (!r.ok) throw new Error('create');
      if (i % 100 === 0) h.clock.advance(60_000);
    }
    h.clock.advance(49 * HOUR);
    expect((await h.automations.tick()).breaches).toBe(1100);
    expect((await h.automations.tick()).breaches).toBe(0);
    // A lead breaching later is still found (the backlog does not starve it).
    const late = await h.engine.records.create(
      'lead',
      { name: 'late', phone: '+8613512345678', source: 'website' },
      as('li.na'),
    );
    if (!late.ok) throw new Error('create');
    h.clock.advance(49 * HOUR);
    expect((await h.automations.tick()).breaches).toBe(1);
  });
});
