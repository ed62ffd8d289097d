import type { AppSpec } from '@trellis/spec';
import type { Store } from '@trellis/store';
import { testStore } from '../../test/fixtures/test-store';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const STAGES = ['new', 'qualified', 'trial', 'quoted', 'won'] as const;
export const DAY = 86_400_000;
/** 2026-02-20T00:00Z: the data spans the US daylight-saving change of 2026-03-08. */
export const T0 = Date.UTC(2026, 1, 20);

/** An education-like spec: leads through five stages (+ lost), campaigns with spend, two roles. */
export const reportSpec = {
  specVersion: 1,
  name: L('报表测试', 'Report test'),
  defaultLocale: 'zh-CN',
  locales: ['zh-CN', 'en'],
  entities: [
    {
      key: 'lead',
      label: L('线索', 'Lead'),
      titleField: 'name',
      owned: true,
      fields: [
        { key: 'name', type: 'text', label: L('姓名', 'Name'), required: true },
        { key: 'phone', type: 'phone', label: L('手机', 'Phone'), required: true },
        {
          key: 'source',
          type: 'select',
          label: L('来源', 'Source'),
          options: ['douyin', 'wechat', 'baidu', 'referral'].map((v) => ({
            value: v,
            label: L(`渠道${v}`, `Channel ${v}`),
          })),
        },
        { key: 'campaignCode', type: 'text', label: L('活动', 'Campaign') },
        { key: 'variant', type: 'text', label: L('素材', 'Creative') },
        { key: 'city', type: 'text', label: L('城市', 'City') },
        { key: 'quotedAmount', type: 'money', currency: 'CNY', label: L('报价', 'Quote') },
      ],
    },
    {
      key: 'campaign',
      label: L('推广活动', 'Campaign'),
      titleField: 'code',
      fields: [
        { key: 'code', type: 'text', label: L('编码', 'Code') },
        { key: 'spend', type: 'money', currency: 'CNY', label: L('花费', 'Spend') },
      ],
    },
  ],
  pipelines: [
    {
      key: 'admissions',
      label: L('招生', 'Admissions'),
      entity: 'lead',
      stages: [
        ...STAGES.map((k) => ({
          key: k,
          label: L(`阶段${k}`, `Stage ${k}`),
          category: k === 'won' ? 'won' : 'open',
        })),
        { key: 'lost', label: L('流失', 'Lost'), category: 'lost' },
      ],
    },
  ],
  teams: [
    { key: 'tech', label: L('技术', 'Tech') },
    { key: 'art', label: L('艺术', 'Art') },
  ],
  roles: [
    {
      key: 'manager',
      label: L('主管', 'Manager'),
      entities: { lead: { read: 'all' }, campaign: { read: 'all' } },
      workbench: [{ type: 'dashboard', ref: 'sales' }],
    },
    {
      key: 'sales',
      label: L('顾问', 'Rep'),
      entities: { lead: { read: 'own' } },
    },
    {
      key: 'supervisor',
      label: L('组长', 'Supervisor'),
      entities: { lead: { read: 'team' } },
      capabilities: ['viewReports'],
    },
  ],
  webhookSources: [
    {
      key: 'ads',
      label: L('广告线索', 'Lead ads'),
      alertAfter: '2d',
      entity: 'lead',
      auth: { type: 'token', header: 'x-trellis-token' },
      mapping: { name: '$.name', phone: '$.phone' },
    },
  ],
  dashboards: [
    {
      key: 'owners',
      label: L('主管看板', 'Supervisors'),
      widgets: [{ key: 'board', type: 'leaderboard', title: L('排行', 'Board'), entity: 'lead' }],
    },
    {
      key: 'sales',
      label: L('销售', 'Sales'),
      roles: ['sales', 'supervisor'],
      widgets: [
        { key: 'funnel', type: 'funnel', title: L('漏斗', 'Funnel'), entity: 'lead' },
        {
          key: 'entered',
          type: 'funnel',
          title: L('进入', 'Entered'),
          entity: 'lead',
          basis: 'period',
        },
        { key: 'dwell', type: 'dwellTime', title: L('停留', 'Dwell'), entity: 'lead' },
        {
          key: 'bySource',
          type: 'breakdown',
          title: L('来源', 'By source'),
          entity: 'lead',
          field: 'source',
          limit: 2,
        },
        {
          key: 'quoteBySource',
          type: 'breakdown',
          title: L('报价', 'Quotes'),
          entity: 'lead',
          field: 'source',
          limit: 2,
          measure: { op: 'avg', field: 'quotedAmount' },
        },
        {
          key: 'daily',
          type: 'timeSeries',
          title: L('每日', 'Daily'),
          entity: 'lead',
          interval: 'day',
        },
        {
          key: 'weekly',
          type: 'timeSeries',
          title: L('每周', 'Weekly'),
          entity: 'lead',
          interval: 'week',
        },
        { key: 'board', type: 'leaderboard', title: L('排行', 'Leaderboard'), entity: 'lead' },
        {
          key: 'health',
          type: 'dataHealth',
          title: L('健康', 'Health'),
          entity: 'lead',
          fields: ['phone', 'source', 'city'],
        },
        {
          key: 'roi',
          type: 'attribution',
          title: L('归因', 'ROI'),
          entity: 'lead',
          field: 'campaignCode',
          measure: { op: 'sum', field: 'quotedAmount' },
          spend: { entity: 'campaign', key: 'code', field: 'spend' },
          split: 'variant',
        },
        {
          key: 'open',
          type: 'metric',
          title: L('跟进中', 'Open'),
          entity: 'lead',
          filter: { in: [{ var: 'stage' }, ['new', 'qualified', 'trial', 'quoted']] },
        },
        { key: 'sources', type: 'sourceHealth', title: L('来源健康', 'Sources') },
        {
          key: 'roiTouch',
          type: 'attribution',
          title: L('首次触点归因', 'ROI by first touch'),
          entity: 'lead',
          field: 'firstUtmCampaign',
          measure: { op: 'sum', field: 'quotedAmount' },
          spend: { entity: 'campaign', key: 'code', field: 'spend' },
          split: 'firstUtmContent',
        },
        {
          key: 'stale',
          type: 'staleFollowUps',
          title: L('未跟进', 'Stale follow-ups'),
          entity: 'lead',
          days: 5,
        },
        {
          key: 'wonRate',
          type: 'ratio',
          title: L('成交率', 'Won rate'),
          entity: 'lead',
          numerator: { '==': [{ var: 'stage' }, 'won'] },
          numeratorLabel: L('成交线索', 'Leads won'),
          denominatorLabel: L('全部线索', 'All leads'),
        },
        {
          key: 'wonRateBySource',
          type: 'ratio',
          title: L('各渠道成交率', 'Won rate by channel'),
          entity: 'lead',
          field: 'source',
          limit: 2,
          numerator: { '==': [{ var: 'stage' }, 'won'] },
          denominator: { '!=': [{ var: 'stage' }, 'new'] },
        },
        {
          key: 'change',
          type: 'beforeAfter',
          title: L('前后', 'Before/after'),
          entity: 'lead',
          fields: ['phone', 'city'],
        },
      ],
    },
  ],
} as unknown as AppSpec;

type Move = { from: string | null; to: string; at: number; dwell: number | null };
export type GenLead = {
  id: string;
  ownerId: string | null;
  teamId: string | null;
  source: string | null;
  campaignCode: string | null;
  variant: string | null;
  phone: string | null;
  city: string | null;
  quotedAmount: number | null;
  createdAt: number;
  stage: string;
  stageEnteredAt: number;
  slaDueAt: number | null;
  /** The last logged follow-up (null: never followed up). */
  lastActivityAt: number | null;
  moves: Move[];
  /** When an owner was first given after creation (null: created owned, or never owned). */
  assignedAt: number | null;
  /** Times of intake submissions merged into the record. */
  merges: number[];
  /** The first touch's UTM campaign and content (null: no touch). */
  touch: { campaign: string | null; content: string } | null;
};

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

export const OWNERS: Record<string, string> = { u1: 'tech', u2: 'tech', u3: 'art' };

/** A store with the spec's tables, users u1-u3, campaigns, and `n` generated leads with their walks. */
export async function reportStore(n = 150): Promise<{ store: Store; leads: GenLead[] }> {
  // SQLite in memory, or a fresh PostgreSQL database in the `postgres` project: every widget's
  // brute-force comparison runs on both dialects.
  const store = await testStore();
  await store.migrations.syncEntityTables(reportSpec as never);
  const next = rng(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  // A second generator for assignment and merges, so the leads stay those of the first one.
  const more = rng(11);
  // A third for the last follow-up: in the 12 days before T0 + 60 days (the tests' now), not
  // before creation, or none.
  const contact = rng(13);
  const leads: GenLead[] = [];
  await store.transaction(async (tx) => {
    for (const [i, id] of ['u1', 'u2', 'u3'].entries())
      await tx.users.insert(
        { id, login: id, name: `Rep ${i + 1}`, role: 'sales', passwordHash: null },
        T0,
      );
    for (const [code, spend] of [
      ['c1', 500_000],
      ['c2', 2_000_000],
    ] as const)
      await tx.records(reportSpec as never).insert('campaign', { code, spend });
    for (let i = 0; i < n; i++) {
      const createdAt = T0 + Math.floor(next() * 45 * DAY);
      const owner = pick(['u1', 'u2', 'u3', null]);
      const moves: Move[] = [];
      let at = createdAt;
      let from: string | null = null;
      let enteredAt = createdAt;
      let k = 0;
      for (;;) {
        const to: string = from === null ? 'new' : next() < 0.2 ? 'lost' : STAGES[k]!;
        moves.push({ from, to, at, dwell: from === null ? null : at - enteredAt });
        if (to === 'lost' || to === 'won' || next() < 0.3) break;
        from = to;
        enteredAt = at;
        k = Math.min(STAGES.length - 1, k + (next() < 0.15 ? 2 : 1));
        at += 1 + Math.floor(next() * 4 * DAY);
      }
      const last = moves[moves.length - 1]!;
      const lead = {
        name: `L${i}`,
        phone: next() < 0.8 ? `+86139${String(10_000_000 + i)}` : null,
        source: pick(['douyin', 'douyin', 'wechat', 'baidu', 'referral', null]),
        campaignCode: pick(['c1', 'c2', 'c3', null]),
        variant: pick(['A', 'B']),
        city: next() < 0.5 ? 'Hangzhou' : null,
        quotedAmount: next() < 0.7 ? 1000 * Math.floor(1 + next() * 50) : null,
        ownerId: owner,
        teamId: owner ? OWNERS[owner]! : null,
        stage: last.to,
        stageEnteredAt: last.at,
        slaDueAt: next() < 0.3 ? createdAt + 2 * DAY : null,
        lastActivityAt:
          contact() < 0.7
            ? Math.max(createdAt, T0 + 60 * DAY - Math.floor(contact() * 12 * DAY))
            : null,
      };
      const res = await tx.records(reportSpec as never).insert('lead', { ...lead, createdAt });
      if (!res.ok) throw new Error(JSON.stringify(res.error));
      for (const m of moves)
        await tx.transitions.append({
          entity: 'lead',
          recordId: res.value.id,
          fromStage: m.from,
          toStage: m.to,
          actorId: null,
          via: 'test',
          at: m.at,
          dwellMs: m.dwell,
        });
      const id = res.value.id;
      // Some owned leads waited in the pool first: the owner came up to 48 hours later.
      const assignedAt =
        owner && more() < 0.4 ? createdAt + Math.floor(more() * 48 * 3_600_000) : null;
      if (assignedAt !== null)
        await tx.history.append([
          {
            changeId: `a${i}`,
            entity: 'lead',
            recordId: id,
            field: 'ownerId',
            before: null,
            after: owner,
            actorId: null,
            via: 'test',
            at: assignedAt,
          },
        ]);
      const merges = more() < 0.2 ? [createdAt + Math.floor(more() * 10 * DAY)] : [];
      if (merges.length && more() < 0.5) merges.push(merges[0]! + DAY);
      for (const [j, at] of merges.entries())
        await tx.intakeLog.append({
          id: `m${i}-${j}`,
          kind: 'webhook',
          sourceKey: 'ads',
          status: 'merged',
          httpStatus: 201,
          reasons: null,
          recordId: id,
          ip: null,
          idempotencyKey: null,
          at,
        });
      const touch =
        more() < 0.8
          ? {
              campaign: ['c1', 'c2', null][Math.floor(more() * 3)]!,
              content: more() < 0.5 ? 'A' : 'B',
            }
          : null;
      if (touch)
        for (const [j, t] of [touch, { campaign: 'later', content: 'Z' }].entries())
          await tx.touches.append({
            id: `t${i}-${j}`,
            entity: 'lead',
            recordId: id,
            kind: 'form',
            sourceKey: 'apply',
            utmSource: 'douyin',
            utmMedium: null,
            utmCampaign: t.campaign,
            utmContent: t.content,
            utmTerm: null,
            referrer: null,
            landingUrl: null,
            at: createdAt + j * DAY,
          });
      leads.push({ ...lead, id, createdAt, moves, assignedAt, merges, touch });
    }
  });
  return { store, leads };
}
