import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@trellis/store';
import { afterEach, describe, expect, it } from 'vitest';
import { actions } from '../../src/automations';
import { recordsPortFor } from '../../src/automations/engine-adapter';
import { admin, createLead, setupAutomations, type Harness } from './support/harness';

let h: Harness | undefined;
let dir: string | undefined;
const original = actions.createTask!.run;
afterEach(() => {
  (actions.createTask as { run: typeof original }).run = original;
  h?.db.close();
  h = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const ownerOf = (id: string) => {
  const g = h!.engine.records.get('lead', id, admin);
  return g.ok ? g.record.ownerId : 'missing';
};

describe('drain transactions', () => {
  it('a failure gone on the savepoint redo leaves no trace of the first pass: each effect once', () => {
    h = setupAutomations({ options: { retryMs: 1000, batchSize: 50, batchMs: 60_000 } });
    const first = createLead(h, { course: 'python' });
    const second = createLead(h, { course: 'python' });
    // Fails once, after both leads were assigned in the same transaction without savepoints.
    let calls = 0;
    (actions.createTask as { run: typeof original }).run = (input, ctx) => {
      calls++;
      if (calls === 2)
        throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      return original(input, ctx);
    };
    const report = h.automations.drain({ transactions: 1 });
    // The first pass broke and was rolled back; the redo (a savepoint per event) went through.
    expect(calls).toBeGreaterThan(2);
    expect(report.failedEvents).toBe(0);
    for (const id of [first.id, second.id]) {
      expect(ownerOf(id)).toMatch(/^u-/);
      expect(h.count('tasks', 'record_id = ?', id)).toBe(1);
      expect(
        h.count('record_history', `record_id = ? AND field = 'ownerId' AND via = 'automation'`, id),
      ).toBe(1);
    }
    expect(ownerOf(first.id)).not.toBe(ownerOf(second.id));
    expect(h.count('outbox', `type = 'record.created' AND processed_at IS NULL`)).toBe(0);
  });

  it('one failing event rolls back alone: its batch-mates in the same transaction commit', () => {
    h = setupAutomations({ options: { retryMs: 1000, batchSize: 50, batchMs: 60_000 } });
    const first = createLead(h, { course: 'python' });
    const second = createLead(h, { course: 'python' });
    // The first lead's task hits a "busy" database after its assign succeeded in the same event,
    // for the whole drain.
    let fail = true;
    (actions.createTask as { run: typeof original }).run = (input, ctx) => {
      if (fail && input.subject.recordId === first.id)
        throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      return original(input, ctx);
    };
    const report = h.automations.drain({ transactions: 1 });
    expect(report.failedEvents).toBe(1);
    expect(report.events).toBeGreaterThan(2); // both leads' events and their follow-ups, one commit
    expect(ownerOf(first.id)).toBeNull();
    const secondOwner = ownerOf(second.id);
    expect(secondOwner).toMatch(/^u-/);
    expect(
      h.all(
        `SELECT record_id, attempts, last_error, processed_at FROM outbox WHERE type = 'record.created'`,
      ),
    ).toEqual([
      { record_id: first.id, attempts: 1, last_error: 'database is locked', processed_at: null },
      { record_id: second.id, attempts: 1, last_error: null, processed_at: expect.any(Number) },
    ]);
    expect(h.count('automation_runs', 'record_id = ?', first.id)).toBe(0);
    // After the delay the first lead is routed once; nothing of the second is repeated.
    fail = false;
    h.clock.advance(1000);
    h.automations.drain();
    expect(ownerOf(first.id)).toMatch(/^u-/);
    expect(ownerOf(first.id)).not.toBe(secondOwner); // round robin went on from the committed cursor
    for (const id of [first.id, second.id]) {
      expect(
        h.count('record_history', `record_id = ? AND field = 'ownerId' AND via = 'automation'`, id),
      ).toBe(1);
      expect(h.count('tasks', `record_id = ?`, id)).toBe(1);
    }
    expect(
      h.all(
        `SELECT attempts FROM outbox WHERE record_id = ? AND type = 'record.created'`,
        first.id,
      ),
    ).toEqual([{ attempts: 2 }]);
  });

  it('batchMs bounds a transaction: events taken but not reached stay free for the next one', () => {
    h = setupAutomations({ options: { batchSize: 2, batchMs: 0 } });
    for (let i = 0; i < 3; i++) createLead(h, { course: 'java' });
    const first2 = h.all(`SELECT seq FROM outbox ORDER BY seq LIMIT 2`);
    // batchMs 0: one event, although two were taken; the second is not left claimed.
    expect(h.automations.drain({ transactions: 1 }).events).toBe(1);
    expect(h.all(`SELECT claimed_by FROM outbox WHERE processed_at IS NULL LIMIT 1`)).toEqual([
      { claimed_by: null },
    ]);
    expect(h.automations.drain({ transactions: 1 }).events).toBe(1);
    // The two oldest events, in order, one per transaction.
    expect(h.all(`SELECT seq FROM outbox WHERE processed_at IS NOT NULL ORDER BY seq`)).toEqual(
      first2,
    );
    h.db.close();
    h = setupAutomations({ options: { batchSize: 2, batchMs: 60_000 } });
    for (let i = 0; i < 3; i++) createLead(h, { course: 'java' });
    const all = h.automations.pending();
    expect(all).toBeGreaterThan(2);
    // Everything (the leads' events and the follow-ups they cause) in one transaction.
    expect(h.automations.drain({ transactions: 1 }).events).toBeGreaterThan(all);
    expect(h.automations.pending()).toBe(0);
  });

  it('while intake waits for the lock, a drain transaction lasts contendedBatchMs instead of batchMs', () => {
    let intakeWaiting = true;
    h = setupAutomations({
      options: { batchSize: 50, batchMs: 60_000, contendedBatchMs: 0 },
      contended: () => intakeWaiting,
    });
    for (let i = 0; i < 3; i++) createLead(h, { course: 'java' });
    const all = h.automations.pending();
    // Intake waits: one event per transaction, the lock is handed over after it.
    expect(h.automations.drain({ transactions: 1 }).events).toBe(1);
    expect(h.automations.drain({ transactions: 1 }).events).toBe(1);
    // Nobody waits: the rest (and what it causes) in one transaction, bounded by batchMs again.
    intakeWaiting = false;
    expect(h.automations.drain({ transactions: 1 }).events).toBeGreaterThanOrEqual(all - 2);
    expect(h.automations.pending()).toBe(0);
  });

  it('an idle worker does not take the write lock another connection holds', () => {
    dir = mkdtempSync(join(tmpdir(), 'trellis-idle-'));
    h = setupAutomations({ file: join(dir, 'crm.db') });
    const other = openDatabase(join(dir, 'crm.db'));
    other.sqlite.prepare('BEGIN IMMEDIATE').run();
    try {
      const t0 = Date.now();
      expect(h.automations.drain()).toEqual({ events: 0, runs: 0, failedEvents: 0 });
      // Taking the lock would have waited for busy_timeout (5 s).
      expect(Date.now() - t0).toBeLessThan(1000);
    } finally {
      other.sqlite.prepare('ROLLBACK').run();
      other.close();
    }
  });

  it('write results are the record as a fresh read shows it (the worker caches them)', () => {
    h = setupAutomations();
    const lead = createLead(h, {
      course: 'java',
      budgetRange: 'from5kTo10k',
      decisionCycle: 'withinMonth',
    });
    const port = recordsPortFor(h.engine, 1);
    const writes = [
      () => port.update('lead', lead.id, { firstContactAt: h!.clock.now() }),
      () => port.setOwner('lead', lead.id, 'u-lin.fang', { teamId: 'design' }),
      () => port.changeStage('lead', lead.id, 'qualified'),
      () => port.create('lead', { name: '新建', phone: '+8613122223333', source: 'website' }),
    ];
    for (const write of writes) {
      const w = write();
      if (!w.ok) throw new Error(JSON.stringify(w.error));
      expect(w.record).toEqual(port.get('lead', w.record.id as string));
    }
  });
});
