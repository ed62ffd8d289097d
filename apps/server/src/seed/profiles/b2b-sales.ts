import { chineseName, company, mobile, usccCode, workEmail } from '../people';
import type { Random } from '../random';
import type { SeedProfile, SeedRecord, SeedUser } from '../types';
import { createdIn, walkFunnel, type FunnelStep, type Walk } from '../walk';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const users: SeedUser[] = [
  { login: 'zhao.min', name: '赵敏', role: 'sales-vp', teams: ['sales'], leads: ['sales'] },
  {
    login: 'sun.li',
    name: '孙丽',
    role: 'team-lead',
    teams: ['east'],
    leads: ['east'],
    supervisor: 'zhao.min',
  },
  {
    login: 'zhou.jie',
    name: '周杰',
    role: 'team-lead',
    teams: ['south'],
    leads: ['south'],
    supervisor: 'zhao.min',
  },
  {
    login: 'qin.lan',
    name: '秦岚',
    role: 'team-lead',
    teams: ['north'],
    leads: ['north'],
    supervisor: 'zhao.min',
  },
  { login: 'he.jun', name: '何军', role: 'sales', teams: ['east'], supervisor: 'sun.li' },
  { login: 'xu.yan', name: '许燕', role: 'sales', teams: ['east'], supervisor: 'sun.li' },
  { login: 'cao.yu', name: '曹宇', role: 'sales', teams: ['east'], supervisor: 'sun.li' },
  { login: 'luo.bin', name: '罗斌', role: 'sales', teams: ['south'], supervisor: 'zhou.jie' },
  { login: 'deng.hui', name: '邓慧', role: 'sales', teams: ['south'], supervisor: 'zhou.jie' },
  { login: 'tang.yu', name: '唐宇', role: 'sales', teams: ['north'], supervisor: 'qin.lan' },
  { login: 'han.xue', name: '韩雪', role: 'sales', teams: ['north'], supervisor: 'qin.lan' },
];
const CITIES = [
  { code: '310100', name: '上海', team: 'east', w: 22 },
  { code: '330100', name: '杭州', team: 'east', w: 16 },
  { code: '320500', name: '苏州', team: 'east', w: 12 },
  { code: '440300', name: '深圳', team: 'south', w: 16 },
  { code: '440100', name: '广州', team: 'south', w: 10 },
  { code: '110100', name: '北京', team: 'north', w: 16 },
  { code: '120100', name: '天津', team: 'north', w: 8 },
];
const CITY_W = Object.fromEntries(CITIES.map((c) => [c.code, c.w]));
// Share of each rep's customers whose profile has gaps: careful reps leave few, hurried ones more.
const GAPS: Record<string, number> = {
  'he.jun': 0.05,
  'xu.yan': 0.12,
  'cao.yu': 0.3,
  'luo.bin': 0.08,
  'deng.hui': 0.22,
  'tang.yu': 0.15,
  'han.xue': 0.4,
};
// The core fields a rep has to ask for (the rest come with the lead), weighted by how often
// they are the one left empty: an e-mail or an address far more often than the industry.
const GAP_FIELDS = { email: 35, address: 25, companySize: 20, contactTitle: 15, industry: 5 };
const CHANNELS = { wechatMp: 30, douyin: 15, hotline: 25, expo: 20, other: 10 };
const TITLES = {
  staff: ['采购专员', '工程师'],
  manager: ['设备部经理', 'IT 经理'],
  purchasing: ['采购总监', '采购经理'],
  executive: ['总经理', '副总裁'],
} as const;
// MQL -> SQL 68 % (the article's after-90-days figure), then proposal, negotiation, won.
const FUNNEL: FunnelStep[] = [
  { stage: 'qualified', p: 0.68, meanMs: 4 * DAY },
  { stage: 'proposal', p: 0.55, meanMs: 8 * DAY },
  { stage: 'negotiation', p: 0.55, meanMs: 10 * DAY },
  { stage: 'won', p: 0.5, meanMs: 14 * DAY },
];
// Share of the deals that dropped out which their rep never closed: they sit open at the stage
// where they stalled, idle for weeks — the deals the red / yellow / green risk light exists to
// catch. Without them a year's open deals are only the young ones, and on many days none is red.
const STALLED_SHARE = 0.1;

function stallSome(r: Random, walk: Walk): Walk {
  if (walk.outcome !== 'lost' || !r.chance(STALLED_SHARE)) return walk;
  return { stages: walk.stages.slice(0, -1), outcome: 'open' };
}

const LOSS = {
  productMisunderstanding: 25,
  priceMisunderstanding: 25,
  decisionChain: 25,
  competitor: 15,
  noBudget: 8,
  other: 2,
};

function customerAndDeal(i: number, r: Random, createdAt: number, now: number): SeedRecord[] {
  const code = r.weighted(CITY_W);
  const city = CITIES.find((c) => c.code === code)!;
  const owner = r.pick(
    users.filter((u) => u.role === 'sales' && u.teams.includes(city.team)),
  ).login;
  const level = r.weighted({ staff: 30, manager: 30, purchasing: 28, executive: 12 });
  // The deal (if any) is drawn first: whether the account is still worked depends on it.
  const dealAt = r.chance(0.6)
    ? Math.min(now, createdAt + Math.round(r.exponential(5 * DAY)))
    : null;
  const walk =
    dealAt === null ? null : stallSome(r, walkFunnel(r, 'new', FUNNEL, 'lost', dealAt, now));
  const contact = contactHistory(r, createdAt, now, walk?.outcome ?? null);
  const firm = company(r, city.name);
  const contactName = chineseName(r);
  const values: Record<string, unknown> = {
    companyName: firm.name,
    taxId: usccCode(r, city.code),
    phone: mobile(r, i),
    contactName,
    contactTitle: r.pick(TITLES[level]),
    contactLevel: level,
    email: workEmail(contactName, firm.domain),
    firstChannel: r.weighted(CHANNELS),
    city: city.code,
    industry: r.weighted({
      manufacturing: 30,
      medical: 15,
      tmt: 20,
      retail: 15,
      services: 15,
      other: 5,
    }),
    companySize: r.weighted({ s: 30, m: 40, l: 20, xl: 10 }),
    address: `${city.name}市某区某路 ${r.int(1, 999)} 号`,
    reviewStatus: 'confirmed',
  };
  // Most profiles are whole; a rep's share left with gaps (one to three of the fields a rep has
  // to ask for) is the rep's habit, so per-rep completeness differs on the data-health board.
  if (r.chance(GAPS[owner] ?? 0)) {
    const left: Record<string, number> = { ...GAP_FIELDS };
    for (let n = Number(r.weighted({ 1: 60, 2: 30, 3: 10 })); n > 0; n--) {
      const field = r.weighted(left);
      delete values[field];
      delete left[field];
    }
  }
  const lastContact = contact.calls.at(-1);
  if (lastContact !== undefined) values.lastContactAt = lastContact;
  if (r.chance(0.8) && !contact.released) {
    values.nextFollowUpPlan = r.pick([
      '电话回访确认需求',
      '发送产品资料',
      '约采购负责人演示',
      '跟进报价反馈',
    ]);
    values.nextFollowUpAt = Math.round((lastContact ?? createdAt) + r.int(2, 14) * DAY);
  }
  const customer: SeedRecord = {
    entity: 'customer',
    values,
    owner,
    team: city.team,
    createdAt,
    activities: contact.calls.map((at, n) => ({
      type: 'call',
      at,
      by: owner,
      body: n === 0 ? '首次电话沟通采购计划' : r.pick(CALL_NOTES),
    })),
    ...(contact.released ? { released: contact.released } : {}),
  };
  if (dealAt === null || walk === null) return [handOver(r, customer, now)];
  const last = walk.stages.at(-1)!.at;
  const idleDays = (now - last) / DAY;
  const below = level === 'staff' || level === 'manager';
  const deal: Record<string, unknown> = {
    title: `${values.companyName as string} 采购项目`,
    customer: { $ref: 'customer' },
    contactLevel: level,
    amount: r.int(5, 300) * 1_000_000,
    decisionMaker: chineseName(r),
    expectedCloseDate: new Date(dealAt + r.int(30, 120) * DAY).toISOString().slice(0, 10),
    riskLevel: below && idleDays > 30 ? 'red' : below || idleDays > 14 ? 'yellow' : 'green',
  };
  if (walk.outcome === 'lost') deal.lossReason = r.weighted(LOSS);
  if (deal.lossReason === 'other') deal.lossNote = '项目暂缓';
  const acts = walk.stages
    .slice(1)
    .flatMap((s) =>
      s.stage === 'proposal'
        ? [{ type: 'demo', at: s.at, by: owner, body: '方案演示' }]
        : s.stage === 'negotiation'
          ? [{ type: 'proposal', at: s.at - HOUR, by: owner, body: '发送方案 PDF' }]
          : [{ type: 'call', at: s.at, by: owner, body: '推进沟通' }],
    );
  return [
    customer,
    {
      entity: 'deal',
      values: deal,
      owner,
      team: city.team,
      createdAt: dealAt,
      stages: walk.stages,
      activities: acts,
    },
  ];
}

// Handovers of the past (seed 003's protocol): a tenth of the accounts a rep worked without a
// deal moved to a teammate once (a territory rebalanced, a rep's leave), both parties confirming
// the note of 3 key needs, 2 risks and 1 open item; the new owner called within 24 hours.
const HANDOVER_SHARE = 0.1;
const NEEDS = [
  '年内完成产线设备更新',
  '需要本地化售后',
  '要求分期付款',
  '关注交付周期',
  '需要对接 ERP',
];
const RISKS = ['明确拒绝电话推销', '采购负责人即将调岗', '正在比价两家竞品', '预算尚未审批'];
const OPEN_ITEMS = ['样机试用申请待回复', '报价单待采购确认', '参观工厂时间未定'];
const REASONS = ['大区客户调整', '原负责人休长假', '客户要求更换对接人'];

function handOver(r: Random, customer: SeedRecord, now: number): SeedRecord {
  const calls = customer.activities ?? [];
  const firstCall = calls[0]?.at;
  if (customer.released || firstCall === undefined || !r.chance(HANDOVER_SHARE)) return customer;
  const mates = users.filter(
    (u) => u.role === 'sales' && u.teams.includes(customer.team!) && u.login !== customer.owner,
  );
  const at = Math.round(firstCall + r.next() * (now - DAY - firstCall));
  if (mates.length === 0 || at <= firstCall + HOUR) return customer;
  const to = r.pick(mates).login;
  const contact = at + r.int(1, 20) * HOUR;
  const activities = [
    ...calls.map((a) => (a.at > at ? { ...a, by: to } : a)),
    { type: 'call', at: contact, by: to, body: '交接后首次联系，告知新对接人' },
  ].sort((a, b) => a.at - b.at);
  const lastContactAt = Math.max(Number(customer.values.lastContactAt ?? 0), contact);
  const three = <T>(list: readonly T[], n: number) => {
    const left = [...list];
    return Array.from({ length: n }, () => left.splice(r.int(0, left.length - 1), 1)[0]!);
  };
  return {
    ...customer,
    values: { ...customer.values, lastContactAt },
    activities,
    handover: {
      requestedAt: at - Math.round(r.exponential(4 * HOUR)) - 1,
      at,
      to,
      reason: r.pick(REASONS),
      note: { needs: three(NEEDS, 3), risks: three(RISKS, 2), open: three(OPEN_ITEMS, 1) },
      cooldownMs: 48 * HOUR,
    },
  };
}

const CALL_NOTES = ['回访使用情况', '确认预算与时间表', '约见采购负责人', '跟进方案反馈'];
// The pool's clock of the template (customer.poolPolicy.reclaimAfter).
const RECLAIM = 30 * DAY;

/**
 * A customer's calls as a working team makes them: the first one within days; an account that
 * is still worked (new this month, a deal open or won, or simply a live account) was called
 * within the pool's 30 days, so it stays with its rep; a dormant one went quiet and its rep
 * lost it to the public pool 30 days after the last call, as the pool's clock does. About a
 * third of a year's customers end in the pool.
 */
function contactHistory(
  r: Random,
  createdAt: number,
  now: number,
  deal: 'open' | 'won' | 'lost' | null,
): { calls: number[]; released: { at: number; reason: string } | null } {
  const first = Math.round(createdAt + r.exponential(1 * DAY));
  if (first >= now) return { calls: [], released: null };
  const live = now - createdAt < RECLAIM || deal === 'open' || deal === 'won' || r.chance(0.6);
  if (live) {
    const recent = Math.round(now - Math.min(r.exponential(6 * DAY), RECLAIM - 5 * DAY));
    return { calls: recent > first ? [first, recent] : [first], released: null };
  }
  const quiet = Math.round(first + r.exponential(20 * DAY));
  const calls = quiet > first && quiet < now ? [first, quiet] : [first];
  const at = calls.at(-1)! + RECLAIM;
  return {
    calls,
    released: at < now ? { at, reason: '30 天没有跟进，自动收回公海' } : null,
  };
}

/** The b2b-sales template's year: customers by region and first-contact channel, and their deals. */
export const b2bSalesProfile: SeedProfile = {
  template: 'b2b-sales',
  users,
  fixed: () => [],
  when: (r, w) => createdIn(r, w.start, w.now),
  unit: (i, r, w, createdAt) => customerAndDeal(i, r, createdAt, w.now),
};
