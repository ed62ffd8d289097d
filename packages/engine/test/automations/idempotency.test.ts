import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@trellis/store';
import { afterEach, describe, expect, it } from 'vitest';
import { actions } from '../../src/automations';
import { processEvent } from '../../src/automations/worker/process-event';
import { json, pick } from '../fixtures/rows';
import { admin, intake, setupAutomations, transientError, type Harness } from './support/harness';

let h: Harness;
const original = actions.createTask!.run;
afterEach(async () => {
  (actions.createTask as { run: typeof original }).run = original;
  await h?.store.close();
});
let phone = 0;
/** A task made by the automation `key` (its `source` says so). */
const byAutomation = (t: Record<string, unknown>, key: string) =>
  (json(t.source) as { automation?: string } | null)?.automation === key;
async function lead(course = 'python') {
  const r = await h.engine.records.create(
    'lead',
    {
      name: `I${++phone}`,
      phone: `+8613000${String(phone).padStart(6, '0')}`,
      source: 'website',
      course,
    },
    intake,
  );
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.record;
}

describe('idempotent effects and leases', () => {
  it('a transient error mid-event rolls the whole event back; the retry applies each effect once', async () => {
    h = await setupAutomations({ options: { retryMs: 1000 } });
    const r = await lead();
    // The database is "busy" when the task is written, after assign succeeded in the same event,
    // and stays busy for the whole drain.
    let fail = true;
    (actions.createTask as { run: typeof original }).run = (input, ctx) => {
      if (fail) throw transientError(h.store, 'busy', 'database is locked');
      return original(input, ctx);
    };
    expect((await h.automations.drain()).failedEvents).toBe(1);
    expect(
      pick(await h.rows('outbox', { type: 'record.created' }), ['last_error', 'processed_at']),
    ).toEqual([{ last_error: 'database is locked', processed_at: null }]);
    // Nothing of the event is left: no owner, no run, no effect, cursor unmoved.
    const owner = async () => {
      const g = await h.engine.records.get('lead', r.id, admin);
      return g.ok ? g.record.ownerId : 'missing';
    };
    expect(await owner()).toBeNull();
    expect([
      await h.count('automation_runs'),
      await h.count('action_effects'),
      await h.count('assignment_state'),
    ]).toEqual([0, 0, 0]);
    // Not retried before the delay.
    expect((await h.automations.drain()).events).toBe(0);
    fail = false;
    h.clock.advance(1000);
    await h.automations.drain();
    expect(await owner()).toBe('u-li.na');
    expect(
      (await h.automations.runs({ automationKey: 'route-python' })).map((x) => x.status),
    ).toEqual(['succeeded']);
    expect(
      await h.count('record_history', { record_id: r.id, field: 'ownerId', via: 'automation' }),
    ).toBe(1);
    expect(
      await h.count('tasks', (t) => t.record_id === r.id && byAutomation(t, 'route-python')),
    ).toBe(1);
    expect(await h.count('assignment_state', { key: 'roundRobin:tech', cursor: 1 })).toBe(1);
  });

  it('a transient error inside the write path retries the event, not a failed assign: the owner is set once', async () => {
    // The database refuses the assign's owner write for a moment (PostgreSQL: a deadlock with
    // another process's worker, a lock timeout) after the write ran: the engine's write path
    // turns what its unit threw into an `internal` failure. Session 23's cluster test left a
    // lead without an owner, its routing run recorded and its event done.
    let fail = false;
    h = await setupAutomations({
      options: { retryMs: 1000 },
      engine: {
        onPhase: (phase) => {
          if (fail && phase === 'write') throw transientError(h.store, 'busy', 'deadlock detected');
        },
      },
    });
    const r = await lead();
    const owner = async () => {
      const g = await h.engine.records.get('lead', r.id, admin);
      return g.ok ? g.record.ownerId : 'missing';
    };
    fail = true;
    expect((await h.automations.drain()).failedEvents).toBe(1);
    expect(
      pick(await h.rows('outbox', { type: 'record.created' }), ['last_error', 'processed_at']),
    ).toEqual([{ last_error: 'deadlock detected', processed_at: null }]);
    expect(await owner()).toBeNull();
    expect([await h.count('automation_runs'), await h.count('action_effects')]).toEqual([0, 0]);
    fail = false;
    h.clock.advance(1000);
    await h.automations.drain();
    expect(await owner()).toBe('u-li.na');
    expect(
      (await h.automations.runs({ automationKey: 'route-python' })).map((x) => x.status),
    ).toEqual(['succeeded']);
    expect(await h.automations.pending()).toBe(0);
  });

  it('an event whose runs already finished (another worker got there first) is not applied again', async () => {
    h = await setupAutomations();
    await lead();
    // Another worker claimed the event with a lease, ran its automations, and died before
    // marking it done; its lease then ran out.
    const now = h.clock.now();
    const [event] = await h.store.outbox.claim('ghost', now, 1, 1);
    expect(event?.type).toBe('record.created');
    const rt = h.automations.runtime;
    await h.store.transaction(async (tx) => {
      await processEvent(await rt.scope(tx, tx), event!);
    });
    const effects = await h.count('action_effects');
    expect(effects).toBeGreaterThan(0);
    h.clock.advance(1);
    await h.automations.drain();
    expect(await h.count('action_effects')).toBe(effects);
    expect(await h.count('automation_runs', { automation_key: 'route-python' })).toBe(1);
    expect(await h.count('tasks', (t) => byAutomation(t, 'route-python'))).toBe(1);
    expect(await h.automations.pending()).toBe(0);
  });

  it('gives up an event after maxAttempts and keeps the last error', async () => {
    h = await setupAutomations({ options: { retryMs: 10, maxAttempts: 2 } });
    await lead();
    (actions.createTask as { run: typeof original }).run = () => {
      throw transientError(h.store, 'io', 'disk I/O error');
    };
    await h.automations.drain();
    h.clock.advance(10);
    await h.automations.drain();
    expect(await h.automations.pending()).toBe(0);
    expect(
      pick(await h.rows('outbox', { type: 'record.created' }), ['attempts', 'last_error']),
    ).toEqual([{ attempts: 2, last_error: 'disk I/O error' }]);
  });

  it('an action that throws a programming error fails its run once instead of retrying forever', async () => {
    h = await setupAutomations();
    await lead();
    (actions.createTask as { run: typeof original }).run = () => {
      throw new TypeError('boom');
    };
    expect((await h.automations.drain()).failedEvents).toBe(0);
    const res = (await h.automations.runs({ automationKey: 'route-python' }))[0]?.actions[1]
      ?.result;
    expect(res && !res.ok && res).toMatchObject({
      code: 'action.threw',
      message: 'The action failed: boom',
    });
  });

  it('two workers never claim the same event; an expired lease lets another worker take over', async () => {
    h = await setupAutomations({ options: { leaseMs: 5000 } });
    for (let i = 0; i < 4; i++) await lead('java');
    const outbox = h.store.outbox;
    const now = h.clock.now();
    const first = (await outbox.claim('a', now, 5000, 2)).map((e) => e.seq);
    const second = (await outbox.claim('b', now, 5000, 10)).map((e) => e.seq);
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(2);
    expect(first.filter((s) => second.includes(s))).toEqual([]);
    expect(await outbox.claim('b', now + 4999, 5000, 10)).toHaveLength(2); // its own claims come back to b only
    expect(await outbox.claim('c', now + 4999, 5000, 10)).toHaveLength(0);
    // Worker a died: after its lease expires, c takes its events.
    expect((await outbox.claim('c', now + 5000, 5000, 10)).map((e) => e.seq).sort()).toEqual(
      first.sort(),
    );
  });

  it('workers in separate processes on one database claim disjoint events', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-claim-'));
    try {
      h = await setupAutomations({ file: join(dir, 'crm.db') });
      for (let i = 0; i < 30; i++) await lead('java');
      const other = await openStore({ url: join(dir, 'crm.db') });
      const mine = h.store.outbox;
      const theirs = other.outbox;
      const now = h.clock.now();
      const seen: number[] = [];
      // Each worker finishes what it claimed before claiming again, as drain does.
      for (let round = 0; round < 10; round++) {
        for (const [sql, worker, n] of [
          [mine, 'a', 2],
          [theirs, 'b', 3],
        ] as const) {
          const batch = await sql.claim(worker, now, 60_000, n);
          seen.push(...batch.map((e) => e.seq));
          for (const e of batch) expect(await sql.complete(e.seq, worker, now)).toBe(true);
        }
      }
      await other.close();
      expect(seen).toHaveLength(30);
      expect(new Set(seen).size).toBe(30);
    } finally {
      await h.store.close();
      rmSync(dir, { recursive: true, force: true });
      h = undefined as unknown as Harness;
    }
  });
});
