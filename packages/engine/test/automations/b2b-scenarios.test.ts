import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { validateSpec } from '@trellis/spec';
import { createPermissionPort } from '../../src/index';
import { admin, HOUR, setupAutomations, type Harness } from './support/harness';
import { b2bPeople, b2bSpec } from './support/b2b';
import { json, pick, sortBy } from '../fixtures/rows';

// The second article's practices (seed 003) walked through the engine with the b2b-sales
// template: identity + merge, team-lead review before the pool, the new owner's 24-hour task,
// the deal risk index and the monthly data-gap scan.
let h: Harness;
afterEach(() => h?.store.close());
const DAY = 24 * HOUR;
// The template's roles enforced, as in the server (field read-only for account managers).
const setup = () => {
  const spec = b2bSpec();
  return setupAutomations({
    spec,
    people: b2bPeople,
    engine: { permissions: createPermissionPort(spec) },
  });
};
const as = (login: string, role = 'sales') => ({
  ...admin,
  locale: 'zh-CN' as const,
  actor: { kind: 'user' as const, userId: `u-${login}`, role },
});
const intake = {
  actor: { kind: 'public' as const },
  via: 'intake' as const,
  locale: 'zh-CN' as const,
  mode: 'merge' as const,
};
let seq = 0;
const TAX = '91330100MA2B3C4D5E';
async function customer(values: Record<string, unknown> = {}, opts: object = intake) {
  const n = ++seq;
  const r = await h.engine.records.create(
    'customer',
    {
      companyName: `测试公司${n}`,
      taxId: TAX,
      contactName: '王经理',
      phone: `+86139${String(n).padStart(8, '0')}`,
      firstChannel: 'hotline',
      // What the intake forms and webhooks set: customers from outside wait for review.
      ...(opts === intake ? { reviewStatus: 'pending' } : {}),
      ...values,
    },
    opts as typeof intake,
  );
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r;
}
const vp = () => as('zhao.min', 'sales-vp');
const get = async (entity: string, id: string) => {
  const r = await h.engine.records.get(entity, id, vp());
  if (!r.ok) throw new Error(r.error.message);
  return r.record;
};
const tasks = async (recordId: string) =>
  pick(sortBy(await h.rows('tasks', { record_id: recordId }), 'created_at', 'id'), [
    'assignee_id',
    'title',
    'status',
  ]);
const call = async (entity: string, id: string, login: string) => {
  const r = await h.engine.activities.log(
    entity,
    id,
    { type: 'call', body: '电话沟通' },
    as(login),
  );
  if (!r.ok) throw new Error(JSON.stringify(r));
};

describe('templates/b2b-sales through the engine', () => {
  it('is a valid spec', async () => {
    expect(validateSpec(b2bSpec(), { locale: 'en' }).errors).toEqual([]);
  });

  it('identifies a customer by mobile + tax ID: the same pair from another channel merges, another tax ID does not', async () => {
    h = await setup();
    const first = await customer({ phone: '+86 138-0013-8000', companyName: '杭州云帆科技' });
    expect((await get('customer', first.record.id)).customerCode).toBe(
      createHash('sha256').update(`+8613800138000|${TAX}`).digest('hex'),
    );
    // The 400 hotline has the same caller and tax ID, written differently, plus an industry.
    const again = await customer({
      phone: '１３８００１３８０００',
      companyName: '云帆科技',
      industry: 'tmt',
      firstChannel: 'expo',
    });
    expect(again.merged).toBe(true);
    expect(again.record.id).toBe(first.record.id);
    // Filled what was missing, kept what was there (the first channel stays the first).
    expect(await get('customer', first.record.id)).toMatchObject({
      companyName: '杭州云帆科技',
      industry: 'tmt',
      firstChannel: 'hotline',
    });
    // The same switchboard number at another company is another customer.
    const other = await customer({ phone: '+8613800138000', taxId: '91310000MA1FL0XQ2K' });
    expect(other.merged).toBeFalsy();
    expect(await h.count('e_customer')).toBe(2);
  });

  it('sends a new customer to its region team lead for review; confirmed, it enters the pool; the claimer must call within 24 hours', async () => {
    h = await setup();
    const id = (await customer({ city: '330100' })).record.id;
    await h.automations.drain();
    // Hangzhou is in the east: the east team lead (not a rep) reviews it first.
    expect(await get('customer', id)).toMatchObject({
      ownerId: 'u-sun.li',
      reviewStatus: 'pending',
    });
    expect(await tasks(id)).toEqual([
      { assignee_id: 'u-sun.li', title: `初审新客户：测试公司${seq}`, status: 'open' },
    ]);
    // Not in the pool yet: a rep can neither see nor confirm it.
    expect((await h.engine.records.get('customer', id, as('he.jun'))).ok).toBe(false);
    expect(
      (await h.engine.records.update('customer', id, { reviewStatus: 'confirmed' }, as('he.jun')))
        .ok,
    ).toBe(false);
    const confirmed = await h.engine.records.update(
      'customer',
      id,
      { reviewStatus: 'confirmed' },
      as('sun.li', 'team-lead'),
    );
    expect(confirmed.ok).toBe(true);
    await h.automations.drain();
    expect((await get('customer', id)).ownerId).toBeNull();
    expect((await tasks(id))[0]?.status).toBe('done');
    // he.jun takes it from the pool: a first-contact task due in 24 hours, closed by his call.
    const claimed = await h.engine.records.update(
      'customer',
      id,
      { ownerId: 'u-he.jun' },
      as('zhao.min', 'sales-vp'),
    );
    expect(claimed.ok).toBe(true);
    await h.automations.drain();
    expect((await tasks(id)).at(-1)).toEqual({
      assignee_id: 'u-he.jun',
      title: `Contact within 24 hours: 测试公司${seq}`,
      status: 'open',
    });
    expect((await get('customer', id)).lastContactAt).toBeNull();
    h.clock.advance(3 * HOUR);
    await call('customer', id, 'he.jun');
    await h.automations.drain();
    expect((await tasks(id)).at(-1)?.status).toBe('done');
    expect((await get('customer', id)).lastContactAt).toBe(h.clock.now());
  });

  it('keeps the review with team leads: an account manager cannot mark a customer confirmed', async () => {
    h = await setup();
    const r = await h.engine.records.create(
      'customer',
      {
        companyName: '自评公司',
        taxId: TAX,
        contactName: '李总',
        phone: '+8613900000999',
        reviewStatus: 'confirmed',
      },
      as('he.jun'),
    );
    expect(!r.ok && r.error.errors?.map((e) => [e.path, e.code])).toEqual([
      ['/reviewStatus', 'field_readonly'],
    ]);
  });

  it('routes by region: Guangzhou to the south lead, Beijing to the north lead', async () => {
    h = await setup();
    const gz = (await customer({ city: '440100' })).record.id;
    const bj = (await customer({ city: '110100' })).record.id;
    await h.automations.drain();
    expect((await get('customer', gz)).ownerId).toBe('u-zhou.jie');
    expect((await get('customer', bj)).ownerId).toBe('u-qin.lan');
  });

  it('rates deal risk: a contact below purchasing is yellow, 30 days without interaction turns it red and alerts, a call and a higher contact bring it back', async () => {
    h = await setup();
    await h.automations.tick(); // the schedules count from now
    const c = (await customer({}, as('he.jun'))).record.id;
    const made = await h.engine.records.create(
      'deal',
      { title: '云帆 MES 项目', customer: c, contactLevel: 'staff', amount: 50_000_000 },
      as('he.jun'),
    );
    if (!made.ok) throw new Error(JSON.stringify(made.error));
    const deal = made.record.id;
    await h.automations.drain();
    expect((await get('deal', deal)).riskLevel).toBe('yellow');
    // 29 days later the morning run keeps it yellow; two days more and it is red.
    h.clock.advance(29 * DAY);
    await h.automations.tick();
    await h.automations.drain();
    expect((await get('deal', deal)).riskLevel).toBe('yellow');
    h.clock.advance(2 * DAY);
    await h.automations.tick();
    await h.automations.drain();
    expect((await get('deal', deal)).riskLevel).toBe('red');
    const alerts = pick(
      sortBy(
        await h.rows(
          'notifications',
          (r) =>
            r.record_id === deal && ['Deal at high risk', '商机高风险'].includes(String(r.title)),
        ),
        'user_id',
      ),
      ['user_id', 'title'],
    );
    expect(alerts).toEqual([
      { user_id: 'u-he.jun', title: 'Deal at high risk' },
      { user_id: 'u-sun.li', title: '商机高风险' },
    ]);
    await call('deal', deal, 'he.jun');
    await h.automations.drain();
    expect((await get('deal', deal)).riskLevel).toBe('yellow');
    expect(
      (await h.engine.records.update('deal', deal, { contactLevel: 'purchasing' }, as('he.jun')))
        .ok,
    ).toBe(true);
    await h.automations.drain();
    expect((await get('deal', deal)).riskLevel).toBe('green');
    // Account managers cannot set the light by hand.
    expect(
      (await h.engine.records.update('deal', deal, { riskLevel: 'red' }, as('he.jun'))).ok,
    ).toBe(false);
  });

  it('scans monthly for owned customers without a last contact date or a next follow-up plan', async () => {
    h = await setup();
    await h.automations.tick();
    const complete = (await customer({ nextFollowUpPlan: '下周二回访' }, as('he.jun'))).record.id;
    await call('customer', complete, 'he.jun');
    const noPlan = (await customer({}, as('he.jun'))).record.id;
    await call('customer', noPlan, 'he.jun');
    const never = (await customer({ nextFollowUpPlan: '发资料' }, as('luo.bin'))).record.id;
    await h.automations.drain();
    // Monday 5 January 09:00 Shanghai; the scan runs on 1 February at 09:00.
    h.clock.advance(26 * DAY + 23 * HOUR);
    expect((await h.automations.tick()).schedules).not.toContain('monthly-data-gaps');
    h.clock.advance(2 * HOUR);
    expect((await h.automations.tick()).schedules).toContain('monthly-data-gaps');
    await h.automations.drain();
    const gaps = pick(
      sortBy(
        await h.rows(
          'tasks',
          (r) =>
            (json(r.source) as { automation?: string } | null)?.automation === 'monthly-data-gaps',
        ),
        'assignee_id',
      ),
      ['record_id', 'assignee_id'],
    );
    expect(gaps).toEqual([
      { record_id: noPlan, assignee_id: 'u-he.jun' },
      { record_id: never, assignee_id: 'u-luo.bin' },
    ]);
  });

  it('rounds the completeness to a whole percent and counts customers as 客户 / Customers on the data-health dashboard and deals as 商机 / Deals on the leaderboard', async () => {
    h = await setup();
    // 11 of the 12 core fields: 91.67 % rounds to 92, never 91.666….
    const eleven = await customer(
      {
        contactTitle: '采购经理',
        contactLevel: 'purchasing',
        industry: 'tmt',
        companySize: 'm',
        city: '330100',
        address: '杭州市西湖区文三路 1 号',
      },
      as('he.jun'),
    );
    expect((await get('customer', eleven.record.id)).completeness).toBe(92);
    // 5 of 12 (41.67 %) rounds down to 42; 6 of 12 is exactly 50.
    const five = await customer({}, as('he.jun'));
    expect((await get('customer', five.record.id)).completeness).toBe(42);
    const six = await customer({ industry: 'retail' }, as('he.jun'));
    expect((await get('customer', six.record.id)).completeness).toBe(50);
    for (const [locale, label, deals] of [
      ['zh-CN', '客户', '商机'],
      ['en', 'Customers', 'Deals'],
    ] as const) {
      const health = await h.engine.reports.widget(
        'customer-health',
        'health',
        {},
        { actor: vp().actor, locale },
      );
      if (!health.ok) throw new Error(health.error.message);
      expect(health.widget.columns[0]).toMatchObject({ key: 'records', label });
      const total = health.widget.rows.find((r) => r.key === '$total')!;
      expect(total.values.records!.value).toBe(3);
      // The account managers' leaderboard counts deals, so its count column says so (not 线索).
      const leaders = await h.engine.reports.widget(
        'pipeline-health',
        'leaders',
        {},
        { actor: vp().actor, locale },
      );
      if (!leaders.ok) throw new Error(leaders.error.message);
      expect(leaders.widget.columns[0]).toMatchObject({ key: 'leads', label: deals });
    }
  });

  it('measures data health over the 12 core fields, counts the duplicate merged and the 24-hour assignment, and flags a webhook source silent for 24 hours', async () => {
    h = await setup();
    const first = await customer({ city: '330100' });
    // The same mobile + tax ID again from the 400 hotline: merged into the first.
    const again = await customer({ phone: first.record.phone, industry: 'tmt' });
    expect(again.merged).toBe(true);
    await customer(
      { contactTitle: '采购经理', email: 'cg@yunfan.cn', address: '文三路 1 号' },
      as('he.jun'),
    );
    await h.automations.drain();
    // The intake log of the two hotline calls, as the server writes it.
    for (const [n, status] of [
      [1, 'accepted'],
      [2, 'merged'],
    ] as const)
      await h.store.intakeLog.append({
        id: `log-${n}`,
        kind: 'webhook',
        sourceKey: 'hotline-400',
        status,
        httpStatus: status === 'accepted' ? 201 : 200,
        reasons: null,
        recordId: first.record.id,
        ip: null,
        idempotencyKey: null,
        at: h.clock.now(),
      });
    const sources = async () => {
      const w = await h.engine.reports.widget('customer-health', 'sources', {}, vp());
      if (!w.ok) throw new Error(w.error.message);
      return w.widget.rows
        .filter((r) => r.key.startsWith('webhook:'))
        .map((r) => [r.key, r.values.received!.value, r.values.merged!.value, Boolean(r.flag)]);
    };
    // The WeChat account never sent anything: no delay to flag.
    expect(await sources()).toEqual([
      ['webhook:hotline-400', 2, 1, false],
      ['webhook:wechat-mp-b2b', 0, 0, false],
    ]);
    // A day and an hour later the hotline has been silent past its 24 hours.
    h.clock.advance(25 * HOUR);
    expect(await sources()).toEqual([
      ['webhook:hotline-400', 2, 1, true],
      ['webhook:wechat-mp-b2b', 0, 0, false],
    ]);

    const CORE = [
      'companyName',
      'taxId',
      'phone',
      'contactName',
      'contactTitle',
      'contactLevel',
      'email',
      'industry',
      'companySize',
      'city',
      'address',
      'firstChannel',
    ];
    const rows = await h.rows('e_customer');
    const filled = rows.reduce(
      (n, r) => n + CORE.filter((f) => r[f] !== null && r[f] !== '').length,
      0,
    );
    const health = await h.engine.reports.widget('customer-health', 'health', {}, vp());
    if (!health.ok) throw new Error(health.error.message);
    const total = health.widget.rows.find((r) => r.key === '$total')!.values;
    // Every required field is filled, so over the required fields alone it would read 100 %.
    expect(total.completeness!.value).toBeCloseTo(filled / (rows.length * CORE.length), 9);
    expect(total.completeness!.value).toBeLessThan(0.9);
    expect(health.widget.columns.filter((c) => c.key.startsWith('filled:'))).toHaveLength(12);
    expect(total.merged!.value).toBe(1);
    // Routed to the region lead, or owned by its maker, at once: all assigned within 24 hours.
    expect(total.assigned24h!.value).toBe(1);
  });
});
