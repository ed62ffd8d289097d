import { afterEach, describe, expect, it } from 'vitest';
import { createAutomations } from '../../src/automations';
import { admin, HOUR, setupAutomations, START, type Harness } from './support/harness';
import { json, pick, sortBy } from '../fixtures/rows';

let h: Harness;
afterEach(() => h?.store.close());
const DAY = 24 * HOUR;
let phone = 0;
const as = (login: string) => ({
  ...admin,
  actor: { kind: 'user' as const, userId: `u-${login}`, role: 'sales' },
});

async function lead(owner: string, values: Record<string, unknown> = {}) {
  const r = await h.engine.records.create(
    'lead',
    {
      name: `L${++phone}`,
      phone: `+8613300${String(phone).padStart(6, '0')}`,
      source: 'website',
      ...values,
    },
    as(owner),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.record;
}
/** Tasks made by the weekly schedule (the tick's SLA sweep makes overdue tasks too). */
const tasks = async () =>
  pick(
    sortBy(
      await h.rows(
        'tasks',
        (t) =>
          (json(t.source) as { automation?: string } | null)?.automation === 'weekly-missing-plan',
      ),
      'assignee_id',
    ).reverse(),
    ['title', 'assignee_id'],
  );

describe('schedules', () => {
  it('runs the weekly "policy sandbox" query: one task per matching lead, for its owner', async () => {
    h = await setupAutomations();
    await h.automations.tick(); // first sight at Monday 09:00 Shanghai: counts from now, does not fire for the past
    const a = await lead('zhang.wei');
    await lead('li.na', { nextFollowUpPlan: '周三回电' });
    const c = await lead('li.na');
    await h.automations.drain();
    h.clock.advance(7 * DAY);
    expect((await h.automations.tick()).schedules).toEqual([
      'release-stale-to-pool',
      'weekly-missing-plan',
    ]);
    await h.automations.drain();
    expect(await tasks()).toEqual([
      { title: `补充下次跟进计划：${a.name}`, assignee_id: 'u-zhang.wei' },
      { title: `Add the next follow-up plan: ${c.name}`, assignee_id: 'u-li.na' },
    ]);
    const runs = await h.automations.runs({ automationKey: 'weekly-missing-plan' });
    expect(runs.map((r) => r.recordId).sort()).toEqual([a.id, c.id].sort());
  });

  it('catches up once after downtime and never runs an occurrence twice, across restarts', async () => {
    h = await setupAutomations();
    await h.automations.tick();
    await lead('zhang.wei');
    // Three weeks and five hours of downtime: no ticks at all.
    h.clock.advance(21 * DAY + 5 * HOUR);
    expect((await h.automations.tick()).schedules).toEqual([
      'release-stale-to-pool',
      'weekly-missing-plan',
    ]);
    const events = sortBy(await h.rows('outbox', { type: 'schedule' }), 'id');
    expect(events.map((e) => json(e.payload))).toEqual([
      { automationKey: 'release-stale-to-pool', occurrence: START + 21 * DAY, missed: 20 },
      { automationKey: 'weekly-missing-plan', occurrence: START + 21 * DAY, missed: 2 },
    ]);
    await h.automations.drain();
    expect(await tasks()).toHaveLength(1);
    expect((await h.automations.tick()).schedules).toEqual([]);
    // A restarted process (new automations over the same database) does not fire it again.
    const restarted = createAutomations(h.engine);
    expect((await restarted.tick()).schedules).toEqual([]);
    await restarted.drain();
    expect(await tasks()).toHaveLength(1);
    // The next day at 09:00 only the daily schedule is due.
    h.clock.advance(DAY - 5 * HOUR);
    expect((await restarted.tick()).schedules).toEqual(['release-stale-to-pool']);
  });

  it('releases leads without follow-up for 15 days to the pool (daily query with daysSince)', async () => {
    h = await setupAutomations();
    await h.automations.tick();
    const stale = await lead('zhang.wei');
    const fresh = await lead('li.na');
    await h.engine.activities.log(
      'lead',
      stale.id,
      { type: 'call', body: 'x', occurredAt: START - 20 * DAY },
      as('zhang.wei'),
    );
    await h.engine.activities.log(
      'lead',
      fresh.id,
      { type: 'call', body: 'y', occurredAt: START - 2 * DAY },
      as('li.na'),
    );
    await h.automations.drain();
    h.clock.advance(DAY);
    await h.automations.tick();
    await h.automations.drain();
    const owner = async (id: string) => {
      const r = await h.engine.records.get('lead', id, admin);
      return r.ok ? r.record.ownerId : 'missing';
    };
    expect(await owner(stale.id)).toBeNull();
    expect(await owner(fresh.id)).toBe('u-li.na');
  });

  it('keeps a next due time another writer set while a tick decided from the old one', async () => {
    h = await setupAutomations();
    await h.automations.tick(); // first sight: the weekly schedule is next due in a week
    const key = 'schedule:weekly-missing-plan:0 9 * * 1:Asia/Shanghai';
    const week = (await h.store.scheduler.get(key))!.nextDueAt;
    expect(week).toBe(START + 7 * DAY);
    // Another process (a leader taking over, an operator) makes it due now, right after this
    // tick has read the old state and before it writes.
    const read = h.store.scheduler.get;
    h.store.scheduler.get = async (k) => {
      const seen = await read(k);
      if (k === key) await h.store.scheduler.schedule(key, null, START + 1000, START);
      return seen;
    };
    h.clock.advance(60_000);
    expect((await h.automations.tick()).schedules).toEqual([]);
    h.store.scheduler.get = read;
    // The tick kept it (a blind write put the week back: the schedule fired a week late).
    expect((await h.store.scheduler.get(key))!.nextDueAt).toBe(START + 1000);
    expect((await h.automations.tick()).schedules).toEqual(['weekly-missing-plan']);
    expect((await h.store.scheduler.get(key))!.nextDueAt).toBe(week);
  });

  it('a disabled schedule never fires', async () => {
    h = await setupAutomations();
    h.spec.automations = (h.spec.automations ?? []).map((a) =>
      a.on.type === 'schedule' ? { ...a, enabled: false } : a,
    );
    h.engine.useSpec(h.spec);
    await h.automations.tick();
    h.clock.advance(7 * DAY);
    expect((await h.automations.tick()).schedules).toEqual([]);
  });

  it('an edited timetable starts afresh instead of firing on the old one', async () => {
    h = await setupAutomations();
    await h.automations.tick();
    // Change the weekly Monday run to Fridays.
    h.spec.automations = (h.spec.automations ?? []).map((a) =>
      a.key === 'weekly-missing-plan' ? { ...a, on: { ...a.on, cron: '0 9 * * 5' } } : a,
    ) as typeof h.spec.automations;
    h.engine.useSpec(h.spec);
    h.clock.advance(7 * DAY); // next Monday 09:00: the old timetable would fire now
    expect((await h.automations.tick()).schedules).toEqual(['release-stale-to-pool']);
    h.clock.advance(4 * DAY); // Friday 09:00
    expect((await h.automations.tick()).schedules).toEqual([
      'release-stale-to-pool',
      'weekly-missing-plan',
    ]);
  });

  it('a schedule query that cannot run is logged as a failed run with the reason', async () => {
    h = await setupAutomations();
    h.spec.automations = [
      {
        key: 'bad-query',
        label: { 'zh-CN': '坏', en: 'Bad' },
        on: {
          type: 'schedule',
          cron: '0 9 * * *',
          entity: 'lead',
          query: { '==': [{ var: 'noSuchField' }, 1] },
        },
        do: [{ type: 'releaseToPool' }],
      },
    ] as typeof h.spec.automations;
    h.engine.useSpec(h.spec);
    await h.automations.tick();
    h.clock.advance(DAY);
    expect((await h.automations.tick()).schedules).toEqual(['bad-query']);
    await h.automations.drain();
    const [run] = await h.automations.runs({ automationKey: 'bad-query' });
    expect(run).toMatchObject({
      status: 'failed',
      triggerType: 'schedule',
      recordId: null,
      actions: [],
    });
    expect(run?.error).toMatch(/noSuchField/);
  });
});
