import { afterEach, describe, expect, it } from 'vitest';
import type { AppSpec } from '@trellis/spec';
import { createPermissionPort } from '../../src/index';
import { educationSpec } from '../automations/support/education';
import { createLead, HOUR, setupAutomations, type Harness } from '../automations/support/harness';

let h: Harness;
afterEach(() => h?.store.close());

const DAY = 24 * HOUR;
type Locale = 'zh-CN' | 'en';
const person = (login: string, role: string, locale: Locale = 'en') => ({
  actor: { kind: 'user' as const, userId: `u-${login}`, role, teams: ['tech'], locale },
  via: 'ui' as const,
  locale,
});
const boss = person('chen.li', 'manager');

/**
 * The education spec with pool and handover rules on leads and the lead's name (its title)
 * hidden from sales reps: the texts that quote a lead's title are read by a rep who may not see it.
 */
function spec(poolPolicy: Record<string, unknown>, handover: Record<string, unknown> = {}) {
  const s = educationSpec();
  return {
    ...s,
    automations: [],
    entities: s.entities.map((e) => (e.key === 'lead' ? { ...e, poolPolicy, handover } : e)),
    roles: (s.roles ?? []).map((r) =>
      r.key === 'sales'
        ? { ...r, fields: { ...r.fields, lead: { ...r.fields?.lead, name: 'hidden' } } }
        : r,
    ),
  } as AppSpec;
}

/** A stored notification or task as the given reader reads it (their language, their fields). */
const asReader = (login: string, role: string, locale: Locale) => ({
  kind: 'user' as const,
  userId: `u-${login}`,
  role,
  teams: ['tech'],
  locale,
});

describe('texts of the pool and of handovers', () => {
  it('mask only the record title in pool notices, and keep the reclaim reason in every language', async () => {
    const s = spec({ reclaimAfter: '3d', warnBefore: '1d' });
    h = await setupAutomations({ spec: s, engine: { permissions: createPermissionPort(s) } });
    const lead = await createLead(
      h,
      { name: '王小明', ownerId: 'u-zhang.wei', teamId: 'tech' },
      person('chen.li', 'manager', 'zh-CN'),
    );
    h.clock.advance(2 * DAY);
    expect((await h.automations.tick()).pool).toEqual({ warned: 1, reclaimed: 0 });
    h.clock.advance(DAY);
    expect((await h.automations.tick()).pool).toEqual({ warned: 0, reclaimed: 1 });
    const notes = (await h.store.notifications.list('u-zhang.wei')).map((n) => ({
      ...n,
      payload: n.payload ?? null,
    }));
    expect(notes).toHaveLength(2);
    const titles = async (reader: ReturnType<typeof asReader>) =>
      (await Promise.all(notes.map((n) => h.engine.redact.notification(reader, n))))
        .map((n) => n.title)
        .sort();
    // The rep may not see the lead's name: the rest of the notice reads (it was withheld whole).
    expect(await titles(asReader('zhang.wei', 'sales', 'en'))).toEqual([
      'Goes back to the public pool soon: •••',
      'Reclaimed to the public pool: •••',
    ]);
    expect(await titles(asReader('zhang.wei', 'sales', 'zh-CN'))).toEqual([
      '已收回公海：•••',
      '明天将收回公海：•••',
    ]);
    expect(await titles(asReader('chen.li', 'manager', 'en'))).toEqual([
      'Goes back to the public pool soon: 王小明',
      'Reclaimed to the public pool: 王小明',
    ]);

    // The ledger's reason reads in its reader's language, whatever the scheduler's was.
    const reasons = async (locale: Locale) => {
      const ledger = await h.engine.ownership.ledger(
        'lead',
        lead.id,
        person('chen.li', 'manager', locale),
      );
      if (!ledger.ok) throw new Error(JSON.stringify(ledger.error));
      return ledger.changes.filter((c) => c.kind === 'reclaim').map((c) => c.reason);
    };
    expect(await reasons('en')).toEqual(['No follow-up for 3 days: reclaimed to the public pool']);
    expect(await reasons('zh-CN')).toEqual(['3 天没有跟进，自动收回公海']);
    const timeline = await h.engine.timeline('lead', lead.id, boss);
    if (!timeline.ok) throw new Error(JSON.stringify(timeline.error));
    const reclaim = timeline.entries.find(
      (e) => e.kind === 'assignment' && e.ownership?.kind === 'reclaim',
    );
    expect(reclaim).toMatchObject({
      ownership: { reason: 'No follow-up for 3 days: reclaimed to the public pool' },
    });
  });

  it('name the sender and mask only the record title in a handover notice and its first-contact task', async () => {
    const s = spec({}, { acknowledge: true, contactWithin: '24h' });
    h = await setupAutomations({ spec: s, engine: { permissions: createPermissionPort(s) } });
    const lead = await createLead(
      h,
      { name: '李雷', ownerId: 'u-zhang.wei', teamId: 'tech' },
      boss,
    );
    const opened = await h.engine.ownership.handover('lead', [lead.id], { to: 'li.na' }, boss);
    expect(opened.ok).toBe(true);
    const [note] = (await h.store.notifications.list('u-li.na')).map((n) => ({
      ...n,
      payload: n.payload ?? null,
    }));
    const read = async (locale: Locale) =>
      (await h.engine.redact.notification(asReader('li.na', 'sales', locale), note!)).title;
    // The sender by name (it was their user id), the lead's title masked (the whole was).
    expect(await read('en')).toBe('chen.li hands "•••" over to you');
    expect(await read('zh-CN')).toBe('chen.li 把“•••”交接给你');

    const id = (await h.engine.ownership.pending(person('li.na', 'sales'))).handovers[0]!.id;
    expect((await h.engine.ownership.accept(id, person('li.na', 'sales'))).ok).toBe(true);
    const tasks = await h.store.tasks.query({ assigneeId: 'u-li.na', recordId: lead.id });
    const contact = await h.engine.redact.task(asReader('li.na', 'sales', 'en'), tasks[0]!);
    expect(contact.title).toBe(
      'Contact the customer within 24 hours and introduce yourself as the new owner: •••',
    );
    const seen = await h.engine.redact.task(asReader('chen.li', 'manager', 'zh-CN'), tasks[0]!);
    expect(seen.title).toBe('请在 24 小时内首次联系客户并告知新对接人：李雷');
  });
});
