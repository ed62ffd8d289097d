import { afterEach, describe, expect, it } from 'vitest';
import { createPermissionPort } from '../../src/index';
import { b2bPeople, b2bSpec } from '../automations/support/b2b';
import { admin, HOUR, setupAutomations, type Harness } from '../automations/support/harness';

// Seed 003 §3 ("客户交接像击鼓传花") with templates/b2b-sales: team-lead review before the
// pool, claiming, a handover with the 《客户背景摘要》 both parties confirm, the new owner's
// 24-hour task, the previous owner's 48-hour read-only cooldown, the ledger of every step.
let h: Harness;
afterEach(() => h?.store.close());

const as = (login: string, role = 'sales', teams = ['east']) => ({
  ...admin,
  locale: 'zh-CN' as const,
  actor: { kind: 'user' as const, userId: `u-${login}`, role, teams },
});
const intake = {
  actor: { kind: 'public' as const },
  via: 'intake' as const,
  locale: 'zh-CN' as const,
  mode: 'merge' as const,
};
const summary = {
  needs: ['年底前上线 ERP 对接', '要发票按月结', '决策人是财务总监'],
  risks: ['明确拒绝电话推销，只用企业微信', '竞品报价低 15%'],
  open: ['上次承诺的试用账号还没开'],
};

describe('templates/b2b-sales: the handover and pool scenario through the engine', () => {
  it('review → pool → claim → handover both parties confirm → cooldown, every step in the ledger', async () => {
    const spec = b2bSpec();
    h = await setupAutomations({
      spec,
      people: b2bPeople,
      engine: { permissions: createPermissionPort(spec) },
    });
    const made = await h.engine.records.create(
      'customer',
      {
        companyName: '杭州云栖科技',
        taxId: '91330100MA2B3C4D5E',
        contactName: '王经理',
        phone: '+8613900000001',
        firstChannel: 'hotline',
        city: '330100',
        reviewStatus: 'pending',
      },
      intake,
    );
    if (!made.ok) throw new Error(JSON.stringify(made.error));
    const id = made.record.id;
    await h.automations.drain();
    // Waiting for the east team lead: not in the pool, so a rep cannot claim it.
    expect((await h.engine.ownership.claim('customer', id, as('he.jun'))).ok).toBe(false);
    await h.engine.records.update(
      'customer',
      id,
      { reviewStatus: 'confirmed' },
      as('sun.li', 'team-lead'),
    );
    await h.automations.drain();
    const pool = await h.engine.ownership.pool('customer', {}, as('he.jun'));
    expect(pool.ok && pool.records.map((r) => r.id)).toEqual([id]);
    expect(pool.ok && Object.keys(pool.records[0]!)).not.toContain('phone');
    expect((await h.engine.ownership.claim('customer', id, as('he.jun'))).ok).toBe(true);
    await h.automations.drain();

    const hisTasks = await h.engine.tasks.list(
      { entity: 'customer', recordId: id, status: 'open', assigneeId: 'u-he.jun' },
      as('he.jun'),
    );
    const his = hisTasks.ok ? hisTasks.tasks.map((t) => t.id) : [];
    expect(his).toHaveLength(1);

    // he.jun hands it to xu.yan: the note is the protocol, and nothing moves until xu.yan accepts.
    const noNote = await h.engine.ownership.handover(
      'customer',
      [id],
      { to: 'xu.yan' },
      as('he.jun'),
    );
    expect(noNote.ok).toBe(false);
    const opened = await h.engine.ownership.handover(
      'customer',
      [id],
      { to: 'xu.yan', reason: '调往南区', note: summary },
      as('he.jun'),
    );
    expect(opened.ok && opened.handovers[0]?.status).toBe('pending');
    const stillHis = await h.engine.records.get('customer', id, as('he.jun'));
    expect(stillHis.ok && stillHis.record.ownerId).toBe('u-he.jun');
    const waiting = await h.engine.ownership.pending(as('xu.yan'));
    expect(waiting.handovers.map((x) => x.recordId)).toEqual([id]);
    expect((await h.engine.ownership.accept(waiting.handovers[0]!.id, as('xu.yan'))).ok).toBe(true);
    await h.automations.drain();

    // The new owner has one first-contact task, due in 24 hours: he.jun's open one went with
    // the customer and the template's automation gave it the new deadline instead of a second.
    const tasks = await h.engine.tasks.list(
      { entity: 'customer', recordId: id, status: 'open' },
      as('xu.yan'),
    );
    const open = tasks.ok ? tasks.tasks : [];
    expect(open.map((t) => [t.id, t.assigneeId, t.dueAt])).toEqual([
      [his[0], 'u-xu.yan', h.clock.now() + 24 * HOUR],
    ]);
    // Once xu.yan calls, it is done: nothing first-contact is left open on the customer.
    const call = await h.engine.activities.log(
      'customer',
      id,
      { type: 'call', body: '已电话联系，告知新的对接人' },
      as('xu.yan'),
    );
    expect(call.ok).toBe(true);
    await h.automations.drain();
    const after = await h.engine.tasks.list(
      { entity: 'customer', recordId: id, status: 'open' },
      as('xu.yan'),
    );
    expect(after.ok && after.tasks).toEqual([]);
    // he.jun reads it for 48 hours and cannot change it; then it is gone for him.
    expect((await h.engine.records.get('customer', id, as('he.jun'))).ok).toBe(true);
    expect(
      (await h.engine.records.update('customer', id, { contactName: '李' }, as('he.jun'))).ok,
    ).toBe(false);
    h.clock.advance(48 * HOUR);
    expect((await h.engine.records.get('customer', id, as('he.jun'))).ok).toBe(false);

    const ledger = await h.engine.ownership.ledger('customer', id, as('xu.yan'));
    expect(ledger.ok && ledger.changes.map((c) => [c.kind, c.toUserId])).toEqual([
      ['assign', 'u-sun.li'],
      ['release', null],
      ['claim', 'u-he.jun'],
      ['handover', 'u-xu.yan'],
    ]);
    const tl = await h.engine.timeline('customer', id, as('xu.yan'));
    const entry = tl.ok ? tl.entries.find((e) => e.kind === 'handover') : undefined;
    expect(entry).toMatchObject({
      reason: '调往南区',
      status: 'accepted',
      summary: { note: summary },
    });
  });
});
