import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HttpRequest } from '../../src/index';
import { admin, intake, setupAutomations, specWith, type Harness } from './support/harness';
import { pick } from '../fixtures/rows';

let h: Harness;
afterEach(async () => {
  vi.useRealTimers();
  await h?.automations.stop();
  await h?.store.close();
});

describe('in-process worker loop', () => {
  it('drains new events in the background until stopped', async () => {
    h = await setupAutomations({ options: { pollMs: 5 } });
    h.automations.start();
    const r = await h.engine.records.create(
      'lead',
      { name: '后台', phone: '+8613988800001', source: 'website', course: 'python' },
      intake,
    );
    if (!r.ok) throw new Error('create');
    const owner = async () => {
      const g = await h.engine.records.get('lead', r.record.id, admin);
      return g.ok ? g.record.ownerId : null;
    };
    for (let i = 0; i < 200 && (await owner()) === null; i++)
      await new Promise((res) => setTimeout(res, 5));
    expect(await owner()).toBe('u-li.na');
    await h.automations.stop();
    const r2 = await h.engine.records.create(
      'lead',
      { name: '停止后', phone: '+8613988800002', source: 'website', course: 'python' },
      intake,
    );
    await new Promise((res) => setTimeout(res, 30));
    expect(r2.ok && (await h.engine.records.get('lead', r2.record.id, admin))).toMatchObject({
      ok: true,
      record: { ownerId: null },
    });
    expect(await h.automations.pending()).toBeGreaterThan(0);
  });

  it('pauses between drain transactions while intake waits for the lock, and goes on at full speed after', async () => {
    let intakeWaiting = true;
    h = await setupAutomations({
      options: { pollMs: 5, contendedBatchMs: 0, contendedPauseMs: 200 },
      contended: () => intakeWaiting,
    });
    for (let i = 0; i < 3; i++) {
      const r = await h.engine.records.create(
        'lead',
        { name: `排队${i}`, phone: `+861398880010${i}`, source: 'website', course: 'python' },
        intake,
      );
      if (!r.ok) throw new Error('create');
    }
    h.automations.start();
    const processed = () => h!.count('outbox', (r) => r.processed_at !== null);
    // The first commit (sooner on SQLite than on a busy PostgreSQL), then one transaction of one
    // event (it queued its own follow-ups), then the pause.
    for (let i = 0; i < 400 && (await processed()) === 0; i++)
      await new Promise((res) => setTimeout(res, 5));
    await new Promise((res) => setTimeout(res, 50));
    expect(await processed()).toBe(1);
    intakeWaiting = false;
    for (let i = 0; i < 200 && (await h.automations.pending()) > 0; i++)
      await new Promise((res) => setTimeout(res, 5));
    expect(await h.automations.pending()).toBe(0);
  });

  // The fake timers are the loop's only; PostgreSQL's driver keeps timers of its own.
  it.skipIf(process.env.TRELLIS_TEST_STORE === 'pg')(
    'works a backlog off transaction after transaction without waiting on a timer while nobody waits',
    async () => {
      // One event per transaction (batchMs 0): three leads' routing takes several steps.
      h = await setupAutomations({ options: { pollMs: 5, batchMs: 0 } });
      for (let i = 0; i < 3; i++) {
        const r = await h.engine.records.create(
          'lead',
          { name: `积压${i}`, phone: `+861398880030${i}`, source: 'website', course: 'python' },
          intake,
        );
        if (!r.ok) throw new Error('create');
      }
      // Timers never fire from here on: only steps that follow each other at once get anywhere.
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      h.automations.start();
      const turn = () => new Promise((res) => setImmediate(res));
      for (let i = 0; i < 5000 && (await h.automations.pending()) > 0; i++) await turn();
      expect(await h.automations.pending()).toBe(0);
      expect(await h.count('e_lead', (r) => r.owner_id !== null)).toBe(3);
    },
  );

  // SQLite's search index is written behind; PostgreSQL's in the record's transaction (no backlog).
  it.skipIf(process.env.TRELLIS_TEST_STORE === 'pg')(
    'moves new records into the search index once automations are done and nobody waits for the lock',
    async () => {
      let intakeWaiting = true;
      h = await setupAutomations({
        options: { pollMs: 5, contendedPauseMs: 5 },
        contended: () => intakeWaiting,
      });
      for (let i = 0; i < 3; i++) {
        const r = await h.engine.records.create(
          'lead',
          { name: `检索${i}`, phone: `+861398880020${i}`, source: 'website', course: 'python' },
          intake,
        );
        if (!r.ok) throw new Error('create');
      }
      const backlog = () => h.store.records(h.spec).searchBacklog();
      expect(await backlog()).toBe(true);
      h.automations.start();
      await new Promise((res) => setTimeout(res, 100));
      // Intake waiting: upkeep is not urgent and leaves the writer alone.
      expect(await backlog()).toBe(true);
      intakeWaiting = false;
      for (let i = 0; i < 200 && (await backlog()); i++)
        await new Promise((res) => setTimeout(res, 5));
      expect(await backlog()).toBe(false);
      expect(await h.automations.pending()).toBe(0);
      const found = await h.engine.records.list('lead', { search: '检索1' }, admin);
      expect(found.ok && found.records.map((r) => r.name)).toEqual(['检索1']);
    },
  );

  it('delivers a webhook the drained event queued, in the same loop', async () => {
    const requests: HttpRequest[] = [];
    h = await setupAutomations({
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
    const r = await h.engine.records.create(
      'lead',
      { name: '推送', phone: '+8613988800003', source: 'website' },
      intake,
    );
    if (!r.ok) throw new Error('create');
    const status = async () => pick(await h.rows('webhook_deliveries'), ['status']);
    for (let i = 0; i < 200 && (await status())[0]?.status !== 'delivered'; i++)
      await new Promise((res) => setTimeout(res, 5));
    expect(await status()).toEqual([{ status: 'delivered' }]);
    expect(requests.map((q) => q.url)).toEqual(['https://example.com/hook']);
  });
});
