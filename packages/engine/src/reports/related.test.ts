import { validateSpec, type AppSpec } from '@trellis/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setup } from '../../test/fixtures/harness';
import { createPermissionPort } from '../permissions';
import type { Actor } from '../ports';
import type { WidgetReport } from './types';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const CHANNELS = ['wechat', 'douyin', 'phone400', 'expo'];
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 1);

/** B2B-like: deals of customers, the first-contact channel on the customer. */
const spec = {
  specVersion: 1,
  name: L('关联分组', 'Related grouping'),
  defaultLocale: 'zh-CN',
  locales: ['zh-CN', 'en'],
  entities: [
    {
      key: 'customer',
      label: L('客户', 'Customer'),
      titleField: 'name',
      owned: true,
      fields: [
        { key: 'name', type: 'text', label: L('名称', 'Name') },
        {
          key: 'firstChannel',
          type: 'select',
          label: L('首次接触渠道', 'First-contact channel'),
          options: CHANNELS.map((v) => ({ value: v, label: L(`渠道${v}`, `Channel ${v}`) })),
        },
      ],
    },
    {
      key: 'deal',
      label: L('商机', 'Deal'),
      titleField: 'title',
      owned: true,
      fields: [
        { key: 'title', type: 'text', label: L('标题', 'Title') },
        { key: 'customer', type: 'relation', entity: 'customer', label: L('客户', 'Customer') },
        { key: 'amount', type: 'money', currency: 'CNY', label: L('金额', 'Amount') },
      ],
    },
  ],
  pipelines: [
    {
      key: 'sales',
      label: L('销售', 'Sales'),
      entity: 'deal',
      stages: [
        { key: 'open', label: L('跟进', 'Open'), category: 'open' },
        { key: 'won', label: L('赢单', 'Won'), category: 'won' },
        { key: 'lost', label: L('输单', 'Lost'), category: 'lost' },
      ],
    },
  ],
  roles: [
    {
      key: 'manager',
      label: L('经理', 'Manager'),
      entities: { customer: { read: 'all' }, deal: { read: 'all' } },
    },
    {
      key: 'sales',
      label: L('销售', 'Rep'),
      entities: { customer: { read: 'own' }, deal: { read: 'own' } },
    },
    { key: 'marketing', label: L('市场', 'Marketing'), entities: { deal: { read: 'all' } } },
    {
      key: 'analyst',
      label: L('分析', 'Analyst'),
      entities: { customer: { read: 'all' }, deal: { read: 'all' } },
      fields: { customer: { firstChannel: 'hidden' } },
    },
  ],
  dashboards: [
    {
      key: 'b2b',
      label: L('转化', 'Conversion'),
      roles: ['manager', 'sales', 'marketing', 'analyst'],
      widgets: [
        {
          key: 'wonByChannel',
          type: 'breakdown',
          title: L('各渠道赢单', 'Won by channel'),
          entity: 'deal',
          filter: { '==': [{ var: 'stage' }, 'won'] },
          via: 'customer',
          field: 'firstChannel',
        },
        {
          key: 'amountByChannel',
          type: 'breakdown',
          title: L('各渠道金额', 'Amount by channel'),
          entity: 'deal',
          via: 'customer',
          field: 'firstChannel',
          measure: { op: 'sum', field: 'amount' },
          limit: 2,
        },
        {
          key: 'winRateByChannel',
          type: 'ratio',
          title: L('各渠道赢单率', 'Win rate by channel'),
          entity: 'deal',
          via: 'customer',
          field: 'firstChannel',
          numerator: { '==': [{ var: 'stage' }, 'won'] },
          denominator: { '!=': [{ var: 'stage' }, 'open'] },
        },
      ],
    },
  ],
} as unknown as AppSpec;

type Customer = { id: string; ownerId: string | null; firstChannel: string | null; live: boolean };
type Deal = {
  id: string;
  ownerId: string | null;
  customer: string | null;
  stage: string;
  amount: number | null;
  createdAt: number;
};

const permissions = createPermissionPort(spec);
const actors: Record<string, Actor> = {
  manager: { kind: 'user', userId: 'm1', role: 'manager' },
  rep: { kind: 'user', userId: 'u1', role: 'sales' },
  marketing: { kind: 'user', userId: 'k1', role: 'marketing' },
};
let ctx: Awaited<ReturnType<typeof setup>>;
const customers: Customer[] = [];
const deals: Deal[] = [];

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

beforeAll(async () => {
  ctx = await setup(spec, { permissions });
  const next = rng(5);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  await ctx.store.transaction(async (tx) => {
    const repo = tx.records(spec as never);
    for (let i = 0; i < 40; i++) {
      const c = { ownerId: pick(['u1', 'u2', null]), firstChannel: pick([...CHANNELS, null]) };
      const r = await repo.insert('customer', { name: `C${i}`, ...c, createdAt: T0 });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      customers.push({ id: r.value.id, ...c, live: true });
    }
    for (let i = 0; i < 160; i++) {
      const d = {
        ownerId: pick(['u1', 'u2', null]),
        customer: next() < 0.1 ? null : pick(customers).id,
        stage: pick(['open', 'won', 'won', 'lost']),
        amount: next() < 0.8 ? 1000 * Math.floor(1 + next() * 90) : null,
        createdAt: T0 + Math.floor(next() * 30 * DAY),
      };
      const r = await repo.insert('deal', { title: `D${i}`, ...d });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      deals.push({ id: r.value.id, ...d });
    }
  });
  // Two customers deleted after their deals were written: their deals keep the link.
  for (const c of customers.slice(0, 2)) {
    const r = await ctx.store.records(spec as never).softDelete('customer', c.id);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    c.live = false;
  }
});
afterAll(async () => {
  await ctx.store.close();
});

/**
 * The group a deal falls in for `actor`, by the record-level permission check: its customer's
 * channel ('' none) when the customer is absent or readable, '$hidden' otherwise. A deleted
 * customer reads as a record with no fields (its deals still point at it).
 */
function groupOf(actor: Actor, d: Deal): string {
  if (d.customer === null) return '';
  const c = customers.find((x) => x.id === d.customer)!;
  const record = c.live ? { id: c.id, ownerId: c.ownerId, firstChannel: c.firstChannel } : {};
  if (!permissions.check(actor, 'read', 'customer', record as never).allowed) return '$hidden';
  return c.live ? (c.firstChannel ?? '') : '';
}

const readable = (actor: Actor) =>
  deals.filter((d) => permissions.check(actor, 'read', 'deal', d as never).allowed);

async function widget(key: string, actor: Actor, q = {}): Promise<WidgetReport> {
  const r = await ctx.engine.reports.widget('b2b', key, q, { actor, locale: 'en' });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.widget;
}

/** How many deals the engine's list opens with a number's filter, as `actor`. */
async function opens(filter: unknown, actor: Actor): Promise<number> {
  const r = await ctx.engine.records.list(
    'deal',
    { filter, count: true, limit: 1 },
    { actor, via: 'ui', locale: 'en' },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.total!;
}

describe('breakdown by a field of a related record', () => {
  it('the spec validates', () => {
    expect(validateSpec(spec, { locale: 'en' }).errors).toEqual([]);
  });

  it.each(['manager', 'rep', 'marketing'])(
    'counts won deals per customer channel as %s sees them, and each number opens exactly its deals',
    async (who) => {
      const actor = actors[who]!;
      const w = await widget('wonByChannel', actor);
      const expected = new Map<string, number>();
      for (const d of readable(actor).filter((x) => x.stage === 'won')) {
        const k = groupOf(actor, d);
        expected.set(k, (expected.get(k) ?? 0) + 1);
      }
      const got = new Map(w.rows.map((r) => [r.key, r.values.records!.value]));
      expect(got).toEqual(expected);
      // A reader who sees only some customers or none has deals in the "not visible" row.
      if (who !== 'manager') expect(got.get('$hidden')).toBeGreaterThan(0);
      if (who === 'marketing') expect([...got.keys()].sort()).toEqual(['', '$hidden']);
      for (const row of w.rows)
        expect(await opens(row.values.records!.filter, actor), row.key).toBe(
          row.values.records!.value,
        );
    },
  );

  it.each(['manager', 'rep', 'marketing'])(
    'a win rate per customer channel as %s sees it: won over closed deals, each side opening its deals',
    async (who) => {
      const actor = actors[who]!;
      const w = await widget('winRateByChannel', actor);
      const expected = new Map<string, [number, number]>();
      for (const d of readable(actor)) {
        const k = groupOf(actor, d);
        const [a, b] = expected.get(k) ?? [0, 0];
        expected.set(k, [a + (d.stage === 'won' ? 1 : 0), b + (d.stage !== 'open' ? 1 : 0)]);
      }
      for (const [k, [a, b]] of expected) if (a + b === 0) expected.delete(k);
      const got = new Map(
        w.rows.map((r) => [r.key, [r.values.numerator!.value, r.values.denominator!.value]]),
      );
      expect(got).toEqual(expected);
      if (who !== 'manager') expect(got.get('$hidden')).toBeDefined();
      for (const row of w.rows) {
        const [a, b] = expected.get(row.key)!;
        expect(row.values.rate!.value).toBe(b === 0 ? null : a / b);
        for (const side of ['numerator', 'denominator'])
          expect(await opens(row.values[side]!.filter, actor), `${row.key} ${side}`).toBe(
            row.values[side]!.value,
          );
      }
    },
  );

  it('labels the values with the related field’s options and the hidden row in the reader’s language', async () => {
    const w = await widget('wonByChannel', actors.rep!);
    expect(w.rows.find((r) => r.key === 'wechat')?.label).toBe('Channel wechat');
    expect(w.rows.find((r) => r.key === '$hidden')?.label).toBe(
      'Related record not visible to you',
    );
    const zh = await ctx.engine.reports.widget(
      'b2b',
      'wonByChannel',
      {},
      { actor: actors.rep!, locale: 'zh-CN' },
    );
    expect(zh.ok && zh.widget.rows.find((r) => r.key === 'wechat')?.label).toBe('渠道wechat');
  });

  it('sums over the top two channels, the rest as other, and the period narrows by the deal', async () => {
    const actor = actors.rep!;
    const q = { from: '2026-03-05', to: '2026-03-20', timeZone: 'UTC' };
    const inPeriod = readable(actor).filter(
      (d) => d.createdAt >= Date.UTC(2026, 2, 5) && d.createdAt < Date.UTC(2026, 2, 21),
    );
    const w = await widget('amountByChannel', actor, q);
    // Per channel the sum of the amounts given (null when none is).
    const sums = new Map<string, number | null>();
    for (const d of inPeriod.filter((x) => groupOf(actor, x) !== '$hidden')) {
      const k = groupOf(actor, d);
      const had = sums.get(k) ?? null;
      sums.set(k, d.amount === null ? had : (had ?? 0) + d.amount);
    }
    const top = [...sums.entries()]
      .sort((a, b) => (b[1] ?? -Infinity) - (a[1] ?? -Infinity) || a[0].localeCompare(b[0]))
      .slice(0, 2);
    expect(top.length).toBe(2);
    const value = (k: string) => w.rows.find((r) => r.key === k)?.values.value?.value;
    for (const [k, v] of top) expect(value(k)).toBe(v);
    const records = w.rows.reduce((a, r) => a + (r.values.records!.value ?? 0), 0);
    expect(records).toBe(inPeriod.length);
    for (const row of w.rows)
      expect(await opens(row.values.records!.filter, actor), row.key).toBe(
        row.values.records!.value,
      );
  });

  it('a reader from whom the related field is hidden gets no numbers, and may not filter by it', async () => {
    const analyst: Actor = { kind: 'user', userId: 'a1', role: 'analyst' };
    const w = await widget('wonByChannel', analyst);
    expect(w.rows).toEqual([]);
    expect(w.note).toBeTruthy();
    const r = await ctx.engine.records.list(
      'deal',
      { filter: { '==': [{ var: 'customer.firstChannel' }, 'wechat'] } },
      { actor: analyst, via: 'ui', locale: 'en' },
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.errors.map((e) => e.path)).toEqual(['/filter']);
  });

  it('a list filtered by a related field never matches a related record the reader may not read', async () => {
    const rep = actors.rep!;
    for (const channel of CHANNELS) {
      const expected = readable(rep).filter((d) => groupOf(rep, d) === channel).length;
      expect(await opens({ '==': [{ var: 'customer.firstChannel' }, channel] }, rep), channel).toBe(
        expected,
      );
    }
    // What the rep would see without the guard: more deals, through other reps' customers.
    const unguarded = readable(rep).filter((d) => {
      const c = customers.find((x) => x.id === d.customer);
      return c?.live && c.firstChannel === 'wechat';
    }).length;
    const guarded = readable(rep).filter((d) => groupOf(rep, d) === 'wechat').length;
    expect(unguarded).toBeGreaterThan(guarded);
  });
});
