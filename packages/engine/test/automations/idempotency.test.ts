import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@trellis/store';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutboxSql } from '../../src/automations/worker/outbox-sql';
import { actions, createAutomations } from '../../src/automations';
import { admin, intake, setupAutomations, type Harness } from './support/harness';

let h: Harness;
const original = actions.createTask!.run;
afterEach(() => {
  (actions.createTask as { run: typeof original }).run = original;
  h?.db.close();
});
let phone = 0;
function lead(course = 'python') {
  const r = h.engine.records.create(
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
  it('a transient error mid-event rolls the whole event back; the retry applies each effect once', () => {
    h = setupAutomations({ options: { retryMs: 1000 } });
    const r = lead();
    // The database is "busy" when the task is written, after assign succeeded in the same event,
    // and stays busy for the whole drain.
    let fail = true;
    (actions.createTask as { run: typeof original }).run = (input, ctx) => {
      if (fail) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      return original(input, ctx);
    };
    expect(h.automations.drain().failedEvents).toBe(1);
    expect(
      h.all(`SELECT last_error, processed_at FROM outbox WHERE type = 'record.created'`),
    ).toEqual([{ last_error: 'database is locked', processed_at: null }]);
    // Nothing of the event is left: no owner, no run, no effect, cursor unmoved.
    const owner = () => {
      const g = h.engine.records.get('lead', r.id, admin);
      return g.ok ? g.record.ownerId : 'missing';
    };
    expect(owner()).toBeNull();
    expect([
      h.count('automation_runs'),
      h.count('action_effects'),
      h.count('assignment_state'),
    ]).toEqual([0, 0, 0]);
    // Not retried before the delay.
    expect(h.automations.drain().events).toBe(0);
    fail = false;
    h.clock.advance(1000);
    h.automations.drain();
    expect(owner()).toBe('u-li.na');
    expect(h.automations.runs({ automationKey: 'route-python' }).map((x) => x.status)).toEqual([
      'succeeded',
    ]);
    expect(
      h.count('record_history', `record_id = ? AND field = 'ownerId' AND via = 'automation'`, r.id),
    ).toBe(1);
    expect(
      h.count(
        'tasks',
        `record_id = ? AND json_extract(source, '$.automation') = 'route-python'`,
        r.id,
      ),
    ).toBe(1);
    expect(h.count('assignment_state', `key = 'roundRobin:tech' AND cursor = 1`)).toBe(1);
  });

  it('an event whose runs already finished (another worker got there first) is not applied again', () => {
    h = setupAutomations();
    lead();
    h.automations.drain();
    const effects = h.count('action_effects');
    // Simulate a second worker that claimed the same event after a lost lease.
    h.db.sqlite
      .prepare(
        `UPDATE outbox SET processed_at = NULL, claimed_by = NULL, claimed_until = NULL WHERE type = 'record.created'`,
      )
      .run();
    h.automations.drain();
    expect(h.count('action_effects')).toBe(effects);
    expect(h.count('automation_runs', `automation_key = 'route-python'`)).toBe(1);
    expect(h.count('tasks', `json_extract(source, '$.automation') = 'route-python'`)).toBe(1);
  });

  it('gives up an event after maxAttempts and keeps the last error', () => {
    h = setupAutomations({ options: { retryMs: 10, maxAttempts: 2 } });
    lead();
    (actions.createTask as { run: typeof original }).run = () => {
      throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
    };
    h.automations.drain();
    h.clock.advance(10);
    h.automations.drain();
    expect(h.automations.pending()).toBe(0);
    expect(h.all(`SELECT attempts, last_error FROM outbox WHERE type = 'record.created'`)).toEqual([
      { attempts: 2, last_error: 'disk I/O error' },
    ]);
  });

  it('an action that throws a programming error fails its run once instead of retrying forever', () => {
    h = setupAutomations();
    lead();
    (actions.createTask as { run: typeof original }).run = () => {
      throw new TypeError('boom');
    };
    expect(h.automations.drain().failedEvents).toBe(0);
    const res = h.automations.runs({ automationKey: 'route-python' })[0]?.actions[1]?.result;
    expect(res && !res.ok && res).toMatchObject({
      code: 'action.threw',
      message: 'The action failed: boom',
    });
  });

  it('two workers never claim the same event; an expired lease lets another worker take over', () => {
    h = setupAutomations({ options: { leaseMs: 5000 } });
    for (let i = 0; i < 4; i++) lead('java');
    const a = createAutomations(h.engine, { options: { workerId: 'a', leaseMs: 5000 } }).runtime
      .outbox;
    const b = createAutomations(h.engine, { options: { workerId: 'b', leaseMs: 5000 } }).runtime
      .outbox;
    const now = h.clock.now();
    const first = a.claim('a', now, 5000, 2).map((e) => e.seq);
    const second = b.claim('b', now, 5000, 10).map((e) => e.seq);
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(2);
    expect(first.filter((s) => second.includes(s))).toEqual([]);
    expect(b.claim('b', now + 4999, 5000, 10)).toHaveLength(2); // its own claims come back to b only
    expect(b.claim('c', now + 4999, 5000, 10)).toHaveLength(0);
    // Worker a died: after its lease expires, c takes its events.
    expect(
      b
        .claim('c', now + 5000, 5000, 10)
        .map((e) => e.seq)
        .sort(),
    ).toEqual(first.sort());
  });

  it('workers on separate connections to one database file claim disjoint events', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-claim-'));
    try {
      h = setupAutomations({ file: join(dir, 'crm.db') });
      for (let i = 0; i < 30; i++) lead('java');
      const other = openDatabase(join(dir, 'crm.db'));
      const mine = createOutboxSql(h.db);
      const theirs = createOutboxSql(other);
      const now = h.clock.now();
      const seen: number[] = [];
      // Each worker finishes what it claimed before claiming again, as drain does.
      for (let round = 0; round < 10; round++) {
        for (const [sql, worker, n] of [
          [mine, 'a', 2],
          [theirs, 'b', 3],
        ] as const) {
          const batch = sql.claim(worker, now, 60_000, n);
          seen.push(...batch.map((e) => e.seq));
          for (const e of batch) expect(sql.complete(e.seq, worker, now)).toBe(true);
        }
      }
      other.close();
      expect(seen).toHaveLength(30);
      expect(new Set(seen).size).toBe(30);
    } finally {
      h.db.close();
      rmSync(dir, { recursive: true, force: true });
      h = undefined as unknown as Harness;
    }
  });
});
