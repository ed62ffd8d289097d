import { afterEach, describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../src/index';
import { admin, intake, setupAutomations, specWith, type Harness } from './support/harness';

let h: Harness;
afterEach(async () => {
  await h?.automations.stop();
  h?.db.close();
});

describe('in-process worker loop', () => {
  it('drains new events in the background until stopped', async () => {
    h = setupAutomations({ options: { pollMs: 5 } });
    h.automations.start();
    const r = h.engine.records.create(
      'lead',
      { name: '后台', phone: '+8613988800001', source: 'website', course: 'python' },
      intake,
    );
    if (!r.ok) throw new Error('create');
    const owner = () => {
      const g = h.engine.records.get('lead', r.record.id, admin);
      return g.ok ? g.record.ownerId : null;
    };
    for (let i = 0; i < 200 && owner() === null; i++)
      await new Promise((res) => setTimeout(res, 5));
    expect(owner()).toBe('u-li.na');
    await h.automations.stop();
    const r2 = h.engine.records.create(
      'lead',
      { name: '停止后', phone: '+8613988800002', source: 'website', course: 'python' },
      intake,
    );
    await new Promise((res) => setTimeout(res, 30));
    expect(r2.ok && h.engine.records.get('lead', r2.record.id, admin)).toMatchObject({
      ok: true,
      record: { ownerId: null },
    });
    expect(h.automations.pending()).toBeGreaterThan(0);
  });

  it('pauses between drain transactions while intake waits for the lock, and goes on at full speed after', async () => {
    let intakeWaiting = true;
    h = setupAutomations({
      options: { pollMs: 5, contendedBatchMs: 0, contendedPauseMs: 200 },
      contended: () => intakeWaiting,
    });
    for (let i = 0; i < 3; i++) {
      const r = h.engine.records.create(
        'lead',
        { name: `排队${i}`, phone: `+861398880010${i}`, source: 'website', course: 'python' },
        intake,
      );
      if (!r.ok) throw new Error('create');
    }
    h.automations.start();
    await new Promise((res) => setTimeout(res, 100));
    // One transaction of one event (it queued its own follow-ups), then the pause.
    expect(h.count('outbox', 'processed_at IS NOT NULL')).toBe(1);
    intakeWaiting = false;
    for (let i = 0; i < 200 && h.automations.pending() > 0; i++)
      await new Promise((res) => setTimeout(res, 5));
    expect(h.automations.pending()).toBe(0);
  });

  it('moves new records into the search index once automations are done and nobody waits for the lock', async () => {
    let intakeWaiting = true;
    h = setupAutomations({
      options: { pollMs: 5, contendedPauseMs: 5 },
      contended: () => intakeWaiting,
    });
    for (let i = 0; i < 3; i++) {
      const r = h.engine.records.create(
        'lead',
        { name: `检索${i}`, phone: `+861398880020${i}`, source: 'website', course: 'python' },
        intake,
      );
      if (!r.ok) throw new Error('create');
    }
    const pendingSearch = () => h.count('e_lead_search_pending');
    expect(pendingSearch()).toBe(3);
    h.automations.start();
    await new Promise((res) => setTimeout(res, 100));
    // Intake waiting: upkeep is not urgent and leaves the lock alone.
    expect(pendingSearch()).toBe(3);
    intakeWaiting = false;
    for (let i = 0; i < 200 && pendingSearch() > 0; i++)
      await new Promise((res) => setTimeout(res, 5));
    expect(pendingSearch()).toBe(0);
    expect(h.automations.pending()).toBe(0);
    expect(h.count('e_lead_fts')).toBe(3);
    const found = h.engine.records.list('lead', { search: '检索1' }, admin);
    expect(found.ok && found.records.map((r) => r.name)).toEqual(['检索1']);
  });

  it('delivers a webhook the drained event queued, in the same loop', async () => {
    const requests: HttpRequest[] = [];
    h = setupAutomations({
      options: { pollMs: 5 },
      engine: {
        http: (req) => {
          requests.push(req);
          return Promise.resolve({ status: 200, headers: {}, body: 'ok' });
        },
      },
      spec: specWith([
        {
          key: 'hook',
          label: { 'zh-CN': '推送', en: 'Push' },
          on: { type: 'record.created', entity: 'lead' },
          do: [{ type: 'callWebhook', url: 'https://example.com/hook' }],
        },
      ]),
    });
    h.automations.start();
    const r = h.engine.records.create(
      'lead',
      { name: '推送', phone: '+8613988800003', source: 'website' },
      intake,
    );
    if (!r.ok) throw new Error('create');
    const status = () => h.all<{ status: string }>(`SELECT status FROM webhook_deliveries`);
    for (let i = 0; i < 200 && status()[0]?.status !== 'delivered'; i++)
      await new Promise((res) => setTimeout(res, 5));
    expect(status()).toEqual([{ status: 'delivered' }]);
    expect(requests.map((q) => q.url)).toEqual(['https://example.com/hook']);
  });
});
