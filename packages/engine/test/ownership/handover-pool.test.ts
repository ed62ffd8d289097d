import { afterEach, describe, expect, it } from 'vitest';
import type { AppSpec } from '@trellis/spec';
import { createPermissionPort } from '../../src/index';
import { educationSpec } from '../automations/support/education';
import { createLead, HOUR, setupAutomations, type Harness } from '../automations/support/harness';

let h: Harness;
afterEach(() => h?.store.close());

const DAY = 24 * HOUR;
const person = (login: string, role: string, teams: string[] = ['tech']) => ({
  actor: { kind: 'user' as const, userId: `u-${login}`, role, teams },
  via: 'ui' as const,
  locale: 'en' as const,
});
const zhang = person('zhang.wei', 'sales');
const li = person('li.na', 'sales');
const boss = person('chen.li', 'manager', ['sales']);
/** A lead owned by `login` of team tech (a manager creates it: reps may not set its source). */
const ownedBy = (login: string, values: Record<string, unknown> = {}) =>
  createLead(h, { ownerId: `u-${login}`, teamId: 'tech', ...values }, boss);
const protocol = {
  needs: ['周末班', '预算 8k', '想转行'],
  risks: ['拒绝电话推销', '比价'],
  open: ['试听时间未定'],
};

/** The education spec with the article's rules on leads; no automations (the test drives every step). */
function spec(
  handover: Record<string, unknown>,
  poolPolicy: Record<string, unknown> = {},
): AppSpec {
  const s = educationSpec();
  return {
    ...s,
    automations: [],
    entities: s.entities.map((e) => (e.key === 'lead' ? { ...e, handover, poolPolicy } : e)),
  } as AppSpec;
}

describe('handover', () => {
  it('requires the protocol note, moves the record, gives the 24 h task and a 48 h read-only cooldown', async () => {
    h = await setupAutomations({
      spec: spec({ note: 'protocol' }),
      engine: { permissions: createPermissionPort(spec({ note: 'protocol' })) },
    });
    const lead = await ownedBy('zhang.wei', { name: '王小明' });
    const missing = await h.engine.ownership.handover(
      'lead',
      [lead.id],
      { to: 'li.na', note: { needs: ['x'] } },
      zhang,
    );
    expect(missing.ok).toBe(false);
    if (!missing.ok)
      expect(missing.error.errors.map((e) => e.path)).toEqual([
        '/note/needs',
        '/note/risks',
        '/note/open',
      ]);
    expect((await h.store.ownership.listFor('lead', lead.id)).length).toBe(1);
    // Zhang's own follow-up goes with the record; a task of someone else on it stays theirs.
    const mine = await h.engine.tasks.create(
      { entity: 'lead', recordId: lead.id, title: '回电', assigneeId: 'u-zhang.wei', dueAt: 1 },
      zhang,
    );
    const theirs = await h.engine.tasks.create(
      { entity: 'lead', recordId: lead.id, title: '审核', assigneeId: 'u-chen.li', dueAt: 2 },
      boss,
    );
    if (!mine.ok || !theirs.ok) throw new Error('task');

    const done = await h.engine.ownership.handover(
      'lead',
      [lead.id],
      { to: 'li.na', reason: '调岗', note: protocol },
      zhang,
    );
    expect(done.ok).toBe(true);
    expect((await h.engine.records.get('lead', lead.id, li)).ok && true).toBe(true);
    const change = (await h.store.ownership.listFor('lead', lead.id)).at(-1);
    expect(change).toMatchObject({
      kind: 'handover',
      fromUserId: 'u-zhang.wei',
      toUserId: 'u-li.na',
      reason: '调岗',
      actorId: 'u-zhang.wei',
      readUntil: h.clock.now() + 48 * HOUR,
    });
    const tasks = await h.engine.tasks.list({ entity: 'lead', recordId: lead.id }, boss);
    expect(tasks.ok && tasks.tasks.map((t) => [t.title, t.assigneeId, t.dueAt])).toEqual([
      ['回电', 'u-li.na', 1],
      ['审核', 'u-chen.li', 2],
      [expect.any(String), 'u-li.na', h.clock.now() + 24 * HOUR],
    ]);
    // The timeline shows it: when, from, to, why, note.
    const tl = await h.engine.timeline('lead', lead.id, li);
    const entry = tl.ok ? tl.entries.find((e) => e.kind === 'handover') : undefined;
    expect(entry).toMatchObject({
      fromUserId: 'u-zhang.wei',
      toUserId: 'u-li.na',
      reason: '调岗',
      status: 'accepted',
    });
    expect((entry as { summary: { note: unknown } }).summary.note).toEqual(protocol);

    // Zhang reads it for 48 hours, never changes it.
    expect((await h.engine.records.get('lead', lead.id, zhang)).ok).toBe(true);
    expect((await h.engine.records.update('lead', lead.id, { name: '王大明' }, zhang)).ok).toBe(
      false,
    );
    h.clock.advance(48 * HOUR);
    expect((await h.engine.records.get('lead', lead.id, zhang)).ok).toBe(false);
  });

  it('with acknowledge, the record moves only when the new owner accepts; a stranger cannot hand it over', async () => {
    const s = spec({ acknowledge: true });
    h = await setupAutomations({ spec: s, engine: { permissions: createPermissionPort(s) } });
    const lead = await ownedBy('zhang.wei');
    const stranger = await h.engine.ownership.handover('lead', [lead.id], { to: 'li.na' }, li);
    expect(stranger).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const opened = await h.engine.ownership.handover('lead', [lead.id], { to: 'li.na' }, zhang);
    expect(opened.ok && opened.handovers[0]?.status).toBe('pending');
    expect((await h.engine.records.get('lead', lead.id, zhang)).ok && true).toBe(true);
    const pending = await h.engine.ownership.pending(li);
    expect(pending.handovers.map((x) => x.recordId)).toEqual([lead.id]);
    const id = pending.handovers[0]!.id;
    expect((await h.engine.ownership.accept(id, zhang)).ok).toBe(false);
    const accepted = await h.engine.ownership.accept(id, li);
    expect(accepted.ok).toBe(true);
    const rec = await h.engine.records.get('lead', lead.id, li);
    expect(rec.ok && rec.record.ownerId).toBe('u-li.na');
    expect(await h.engine.ownership.accept(id, li)).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });

  it('bulk: all records move or none', async () => {
    const s = spec({});
    h = await setupAutomations({ spec: s, engine: { permissions: createPermissionPort(s) } });
    const a = await ownedBy('zhang.wei');
    const b = await ownedBy('li.na');
    const refused = await h.engine.ownership.handover(
      'lead',
      [a.id, b.id],
      { to: 'lin.fang' },
      zhang,
    );
    expect(refused.ok).toBe(false);
    const ra = await h.engine.records.get('lead', a.id, boss);
    expect(ra.ok && ra.record.ownerId).toBe('u-zhang.wei');
    const ok = await h.engine.ownership.handover('lead', [a.id, b.id], { to: 'lin.fang' }, boss);
    expect(ok.ok && ok.handovers.length).toBe(2);
  });
});

describe('the public pool', () => {
  it('claims up to the cap, releases with a reason, reclaims idle records after a warning a day before', async () => {
    const s = spec({}, { claimCap: 2, reclaimAfter: '3d', warnBefore: '1d' });
    h = await setupAutomations({ spec: s, engine: { permissions: createPermissionPort(s) } });
    const intake = {
      actor: { kind: 'public' as const },
      via: 'intake' as const,
      locale: 'en' as const,
    };
    const pool = [];
    for (let i = 0; i < 3; i++) pool.push(await createLead(h, { name: `公海${i}` }, intake));
    const listed = await h.engine.ownership.pool('lead', {}, zhang);
    expect(listed.ok && listed.records.length).toBe(3);
    expect(listed.ok && Object.keys(listed.records[0]!)).not.toContain('phone');
    expect((await h.engine.ownership.claim('lead', pool[0]!.id, zhang)).ok).toBe(true);
    expect((await h.engine.ownership.claim('lead', pool[0]!.id, li)).ok).toBe(false);
    expect((await h.engine.ownership.claim('lead', pool[1]!.id, zhang)).ok).toBe(true);
    const capped = await h.engine.ownership.claim('lead', pool[2]!.id, zhang);
    expect(capped).toMatchObject({ ok: false, error: { errors: [{ code: 'claim_cap' }] } });

    expect((await h.engine.ownership.release('lead', pool[1]!.id, ' ', zhang)).ok).toBe(false);
    expect((await h.engine.ownership.release('lead', pool[1]!.id, '客户无意向', zhang)).ok).toBe(
      true,
    );
    // Released twice (a second dialog was open): refused, saying it is in the pool already.
    for (const [locale, words] of [
      ['zh-CN', '已在公海中'],
      ['en', 'already in the public pool'],
    ] as const) {
      const again = await h.engine.ownership.release('lead', pool[1]!.id, '重复', {
        ...zhang,
        locale,
      });
      expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(!again.ok && again.error.message).toContain(words);
    }
    const kinds = (await h.store.ownership.listFor('lead', pool[1]!.id)).map((c) => [
      c.kind,
      c.reason,
    ]);
    expect(kinds).toEqual([
      ['claim', null],
      ['release', '客户无意向'],
    ]);

    // pool[0] stays with zhang without follow-up: warned once after 2 days, reclaimed after 3.
    h.clock.advance(2 * DAY - 1);
    expect((await h.automations.tick()).pool).toEqual({ warned: 0, reclaimed: 0 });
    h.clock.advance(1);
    expect((await h.automations.tick()).pool).toEqual({ warned: 1, reclaimed: 0 });
    expect((await h.automations.tick()).pool).toEqual({ warned: 0, reclaimed: 0 });
    const notes = await h.store.notifications.list('u-zhang.wei');
    expect(notes.map((n) => n.kind)).toEqual(['pool']);
    // The warning reads in whichever language its reader reads in now.
    const reader = (locale: 'zh-CN' | 'en') => ({
      kind: 'user' as const,
      userId: 'u-zhang.wei',
      role: 'sales',
      locale,
    });
    const [warning] = notes.map((n) => ({ ...n, payload: n.payload ?? null }));
    const zh = await h.engine.redact.notification(reader('zh-CN'), warning!);
    const en = await h.engine.redact.notification(reader('en'), warning!);
    expect(zh.title).toMatch(/^明天将收回公海：/);
    expect(en.title).toMatch(/^Goes back to the public pool soon: /);
    expect(en.body).toBe(
      'No follow-up for 2 days; it goes back to the public pool in 24 hours. Log a follow-up to keep it.',
    );
    h.clock.advance(DAY);
    expect((await h.automations.tick()).pool).toEqual({ warned: 0, reclaimed: 1 });
    const last = (await h.store.ownership.listFor('lead', pool[0]!.id)).at(-1);
    expect(last).toMatchObject({ kind: 'reclaim', fromUserId: 'u-zhang.wei', toUserId: null });
  });

  it('a follow-up restarts the reclaim clock', async () => {
    const s = spec({}, { reclaimAfter: '3d' });
    h = await setupAutomations({ spec: s, engine: { permissions: createPermissionPort(s) } });
    const lead = await ownedBy('zhang.wei');
    h.clock.advance(2 * DAY + HOUR);
    const logged = await h.engine.activities.log(
      'lead',
      lead.id,
      { type: 'call', body: '聊了' },
      zhang,
    );
    expect(logged.ok).toBe(true);
    h.clock.advance(2 * DAY);
    expect((await h.automations.tick()).pool).toEqual({ warned: 1, reclaimed: 0 });
    h.clock.advance(DAY);
    expect((await h.automations.tick()).pool).toEqual({ warned: 0, reclaimed: 1 });
  });
});

describe('a rep leaves', () => {
  it('previews then reassigns every record of the rep round robin, in one operation', async () => {
    const s = spec({});
    h = await setupAutomations({ spec: s, engine: { permissions: createPermissionPort(s) } });
    const leads = [];
    for (let i = 0; i < 5; i++) leads.push(await ownedBy('zhang.wei', { name: `客户${i}` }));
    expect((await h.engine.ownership.planLeave('zhang.wei', { to: ['li.na'] }, li)).ok).toBe(false);
    const plan = await h.engine.ownership.planLeave(
      'zhang.wei',
      { to: ['li.na', 'lin.fang'] },
      boss,
    );
    expect(plan.ok && plan.perOwner).toEqual({ 'u-li.na': 3, 'u-lin.fang': 2 });
    const done = await h.engine.ownership.leave(
      'zhang.wei',
      { to: ['li.na', 'lin.fang'], reason: '离职' },
      boss,
    );
    expect(done.ok && done.handovers).toBe(5);
    const owners = [];
    for (const l of leads) {
      const r = await h.engine.records.get('lead', l.id, boss);
      owners.push(r.ok ? r.record.ownerId : null);
    }
    expect(owners).toEqual(['u-li.na', 'u-lin.fang', 'u-li.na', 'u-lin.fang', 'u-li.na']);
  });
});
