import { afterEach, describe, expect, it } from 'vitest';
import { admin, HOUR, intake, setupAutomations, type Harness } from './support/harness';

let h: Harness;
afterEach(() => h?.db.close());

function lead(values: Record<string, unknown>) {
  const r = h.engine.records.create('lead', { name: 'Test', phone: `+86138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, source: 'website', ...values }, intake);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.record;
}

describe('education template automations', () => {
  it('routes Python-course leads to the tech group in turns, skipping the away member', () => {
    h = setupAutomations();
    const ids = [0, 1, 2, 3].map((i) => lead({ name: `P${i}`, course: 'python' }).id);
    h.automations.drain();
    const owners = ids.map((id) => h.engine.records.get('lead', id, admin)).map((r) => (r.ok ? r.record.ownerId : null));
    // Tech members by login: huang.qiang (away, skipped), li.na, wang.lei (the team lead also takes leads), zhang.wei.
    expect(owners).toEqual(['u-li.na', 'u-wang.lei', 'u-zhang.wei', 'u-li.na']);
    const run = h.automations.runs({ automationKey: 'route-python', recordId: ids[0] })[0];
    expect(run?.status).toBe('succeeded');
    const trace = (run?.actions[0]?.result as unknown as { data: { trace: { candidates: { login: string; verdict: string }[] } } }).data.trace;
    expect(trace.candidates.find((c) => c.login === 'huang.qiang')?.verdict).toBe('away');
    // The first-contact task goes to the new owner, due in 2 hours.
    const tasks = h.all<{ assignee_id: string; title: string; due_at: number }>(`SELECT assignee_id, title, due_at FROM tasks WHERE record_id = ?`, ids[0]);
    expect(tasks).toEqual([{ assignee_id: 'u-li.na', title: 'First contact: P0 (python)', due_at: h.clock.now() + 2 * HOUR }]);
  });
});
