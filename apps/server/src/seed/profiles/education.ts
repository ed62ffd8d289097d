import { chineseName, mobile } from '../people';
import type { Random } from '../random';
import type { SeedProfile, SeedRecord, SeedTouch, SeedUser } from '../types';
import { createdIn, walkFunnel, type FunnelStep } from '../walk';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const users: SeedUser[] = [
  { login: 'chen.li', name: '陈立', role: 'manager', teams: ['sales'], leads: ['sales'] },
  {
    login: 'wang.lei',
    name: '王磊',
    role: 'supervisor',
    teams: ['tech'],
    leads: ['tech'],
    supervisor: 'chen.li',
  },
  {
    login: 'liu.ting',
    name: '刘婷',
    role: 'supervisor',
    teams: ['design'],
    leads: ['design'],
    supervisor: 'chen.li',
  },
  {
    login: 'zhao.gang',
    name: '赵刚',
    role: 'supervisor',
    teams: ['hangzhou'],
    leads: ['hangzhou'],
    supervisor: 'chen.li',
  },
  {
    login: 'sun.yue',
    name: '孙悦',
    role: 'supervisor',
    teams: ['shanghai'],
    leads: ['shanghai'],
    supervisor: 'chen.li',
  },
  { login: 'zhang.wei', name: '张伟', role: 'sales', teams: ['tech'], supervisor: 'wang.lei' },
  { login: 'li.na', name: '李娜', role: 'sales', teams: ['tech'], supervisor: 'wang.lei' },
  { login: 'huang.qiang', name: '黄强', role: 'sales', teams: ['tech'], supervisor: 'wang.lei' },
  { login: 'lin.fang', name: '林芳', role: 'sales', teams: ['design'], supervisor: 'liu.ting' },
  { login: 'he.jing', name: '何静', role: 'sales', teams: ['design'], supervisor: 'liu.ting' },
  { login: 'wu.hao', name: '吴浩', role: 'sales', teams: ['hangzhou'], supervisor: 'zhao.gang' },
  { login: 'zheng.xue', name: '郑雪', role: 'sales', teams: ['hangzhou'], supervisor: 'zhao.gang' },
  { login: 'feng.kai', name: '冯凯', role: 'sales', teams: ['shanghai'], supervisor: 'sun.yue' },
  { login: 'xu.jia', name: '徐佳', role: 'sales', teams: ['shanghai'], supervisor: 'sun.yue' },
  { login: 'yang.fan', name: '杨帆', role: 'sales', teams: ['sales'], supervisor: 'chen.li' },
  { login: 'qian.hao', name: '钱浩', role: 'sales', teams: ['sales'], supervisor: 'chen.li' },
];
const reps = (team: string) => users.filter((u) => u.role === 'sales' && u.teams.includes(team));

// Channel mix of the article's school (抖音 first, then 公众号 and the website).
const SOURCES = {
  douyin: 34,
  wechatMp: 20,
  website: 20,
  offlineEvent: 8,
  referral: 10,
  hotline: 6,
  other: 2,
};
const COURSES = {
  python: 24,
  dataAnalysis: 14,
  uiDesign: 16,
  frontend: 14,
  java: 12,
  productManager: 8,
  newMedia: 10,
  other: 2,
};
const CITIES = {
  '330100': 30,
  '310100': 25,
  '320100': 10,
  '320500': 10,
  '110100': 10,
  '440300': 8,
  '330200': 7,
};
const LOSS = {
  price: 28,
  schedule: 18,
  competitor: 14,
  notMatched: 10,
  location: 6,
  unreachable: 16,
  noNeed: 6,
  other: 2,
};
// Campaigns per channel: code, title, spend (fen), A/B variants through utm_content.
const CAMPAIGNS = [
  {
    code: 'dy_2026_spring_python',
    title: '抖音2026春季Python课程专项',
    channel: 'douyin',
    spend: 3_000_000,
  },
  {
    code: 'dy_2026_autumn_design',
    title: '抖音2026秋季UI设计专项',
    channel: 'douyin',
    spend: 2_200_000,
  },
  {
    code: 'wx_2026_data_analysis',
    title: '公众号数据分析训练营',
    channel: 'wechatMp',
    spend: 800_000,
  },
  {
    code: 'web_2026_seo_frontend',
    title: '官网前端课程搜索投放',
    channel: 'website',
    spend: 1_200_000,
  },
  {
    code: 'off_2026_hz_fair',
    title: '杭州人才市场线下宣讲',
    channel: 'offlineEvent',
    spend: 500_000,
  },
] as const;
// 45 % qualified, half of those book a trial, 60 % of trials get a quote, 60 % of quotes
// enrol: about 8 % of all leads, the article's baseline.
const FUNNEL: FunnelStep[] = [
  { stage: 'qualified', p: 0.45, meanMs: 2 * DAY },
  { stage: 'trial', p: 0.5, meanMs: 4 * DAY },
  { stage: 'quoted', p: 0.6, meanMs: 5 * DAY },
  { stage: 'won', p: 0.6, meanMs: 6 * DAY },
];

function teamOf(course: string, city: string): string {
  if (course === 'python' || course === 'dataAnalysis') return 'tech';
  if (course === 'uiDesign') return 'design';
  if (city.startsWith('3301')) return 'hangzhou';
  if (city.startsWith('31')) return 'shanghai';
  return 'sales';
}

function lead(i: number, r: Random, createdAt: number, now: number): SeedRecord {
  const source = r.weighted(SOURCES);
  const course = r.weighted(COURSES);
  const city = r.weighted(CITIES);
  const team = teamOf(course, city);
  const owner = r.pick(reps(team)).login;
  const campaign = CAMPAIGNS.find((c) => c.channel === source && r.chance(0.8));
  const walk = walkFunnel(r, 'new', FUNNEL, 'lost', createdAt, now);
  const reached = new Set(walk.stages.map((s) => s.stage));
  const firstContact = createdAt + r.exponential(6 * HOUR);
  const values: Record<string, unknown> = {
    name: chineseName(r),
    phone: mobile(r, i),
    source,
    course,
    city,
    intentLevel: r.weighted({ a: 15, b: 35, c: 35, d: 15 }),
    age: r.int(19, 42),
    occupation: r.weighted({
      student: 15,
      office: 35,
      it: 15,
      designer: 10,
      freelancer: 8,
      jobSeeking: 12,
      other: 5,
    }),
  };
  if (campaign) values.campaignCode = campaign.code;
  if (firstContact < now) values.firstContactAt = Math.round(firstContact);
  if (reached.has('qualified')) {
    values.budgetRange = r.weighted({
      under5k: 20,
      from5kTo10k: 40,
      from10kTo20k: 30,
      over20k: 10,
    });
    values.decisionCycle = r.weighted({
      withinWeek: 20,
      withinMonth: 45,
      oneToThreeMonths: 25,
      undecided: 10,
    });
  }
  const trial = walk.stages.find((s) => s.stage === 'trial');
  if (trial) values.trialAt = trial.at + r.int(1, 5) * DAY;
  if (reached.has('quoted')) values.quotedAmount = r.int(48, 198) * 10_000;
  if (walk.outcome === 'lost') values.lossReason = r.weighted(LOSS);
  if (values.lossReason === 'other') values.lossNote = '个人原因，暂不考虑';
  const by = owner;
  const activities = [];
  if (values.firstContactAt)
    activities.push({
      type: 'call',
      at: values.firstContactAt as number,
      by,
      body: '首次电话沟通，了解学习目标',
    });
  for (const s of walk.stages.slice(1)) {
    if (s.stage === 'quoted')
      activities.push({ type: 'trial-class', at: s.at - HOUR, by, body: '已参加试听课' });
    if (s.stage === 'won')
      activities.push({ type: 'quote', at: s.at - HOUR, by, body: '发送课程方案与报价' });
    if (s.stage !== 'lost') activities.push({ type: 'wechat', at: s.at, by, body: '微信跟进' });
  }
  return {
    entity: 'lead',
    values,
    owner,
    team,
    createdAt,
    stages: walk.stages,
    activities: activities.filter((a) => a.at <= now),
    touches: campaign
      ? [campaignTouch(source, campaign.code, r.chance(0.5) ? 'a' : 'b', createdAt)]
      : [],
  };
}

/** The form touch of a lead that came through a campaign's paid link. */
function campaignTouch(
  utmSource: string,
  utmCampaign: string,
  utmContent: string,
  at: number,
): SeedTouch {
  const none = { sourceKey: null, utmTerm: null, referrer: null, landingUrl: null };
  return { kind: 'form', utmSource, utmMedium: 'cpc', utmCampaign, utmContent, at, ...none };
}

/** The education template's year: campaigns with spend, then leads by channel, course and city. */
export const educationProfile: SeedProfile = {
  template: 'education',
  users,
  fixed: (r, w) =>
    CAMPAIGNS.map((c, i) => ({
      entity: 'campaign',
      values: {
        code: c.code,
        title: c.title,
        channel: c.channel,
        spend: c.spend,
        startDate: new Date(w.start + i * 60 * DAY).toISOString().slice(0, 10),
        endDate: new Date(Math.min(w.now, w.start + (i * 60 + 90) * DAY))
          .toISOString()
          .slice(0, 10),
        variant: r.pick(['A', 'B']),
      },
      owner: null,
      team: null,
      createdAt: w.start + i * 60 * DAY,
    })),
  when: (r, w) => createdIn(r, w.start, w.now),
  unit: (i, r, w, createdAt) => [lead(i, r, createdAt, w.now)],
};
