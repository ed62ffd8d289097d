// Generates demo/recipe.json: demo users per role and ~200 realistic leads with their history.
// Deterministic (seeded), so the committed recipe only changes when this script does.
// Run: node templates/education/scripts/generate-demo.mjs
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as T from './demo-data.mjs';

const LEADS = 200;
let seed = 20260322;
// mulberry32: tiny, fast, good enough for demo data.
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (min, max) => min + Math.floor(random() * (max - min + 1));
const pick = (list) => list[Math.floor(random() * list.length)];
const chance = (p) => random() < p;
function weighted(pairs) {
  const total = pairs.reduce((sum, [, w]) => sum + w, 0);
  let roll = random() * total;
  for (const [value, w] of pairs) if ((roll -= w) < 0) return value;
  return pairs[pairs.length - 1][0];
}
const at = (hours) => ({ $at: hours >= 0 ? `+${Math.round(hours)}h` : `-${Math.round(-hours)}h` });

const users = [
  { login: 'admin', name: '周敏', role: 'admin', teams: [], leads: [], supervisor: null },
  {
    login: 'chen.li',
    name: '陈立',
    role: 'manager',
    teams: ['sales'],
    leads: ['sales'],
    supervisor: null,
  },
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
  {
    login: 'zhang.wei',
    name: '张伟',
    role: 'sales',
    teams: ['tech'],
    leads: [],
    supervisor: 'wang.lei',
  },
  {
    login: 'li.na',
    name: '李娜',
    role: 'sales',
    teams: ['tech'],
    leads: [],
    supervisor: 'wang.lei',
  },
  {
    login: 'huang.qiang',
    name: '黄强',
    role: 'sales',
    teams: ['tech'],
    leads: [],
    supervisor: 'wang.lei',
    status: 'away',
  },
  {
    login: 'lin.fang',
    name: '林芳',
    role: 'sales',
    teams: ['design'],
    leads: [],
    supervisor: 'liu.ting',
  },
  {
    login: 'he.jing',
    name: '何静',
    role: 'sales',
    teams: ['design'],
    leads: [],
    supervisor: 'liu.ting',
  },
  {
    login: 'wu.hao',
    name: '吴昊',
    role: 'sales',
    teams: ['hangzhou'],
    leads: [],
    supervisor: 'zhao.gang',
  },
  {
    login: 'zheng.xue',
    name: '郑雪',
    role: 'sales',
    teams: ['hangzhou'],
    leads: [],
    supervisor: 'zhao.gang',
  },
  {
    login: 'feng.kai',
    name: '冯凯',
    role: 'sales',
    teams: ['shanghai'],
    leads: [],
    supervisor: 'sun.yue',
  },
  {
    login: 'xu.jia',
    name: '许佳',
    role: 'sales',
    teams: ['shanghai'],
    leads: [],
    supervisor: 'sun.yue',
  },
  {
    login: 'yang.fan',
    name: '杨帆',
    role: 'sales',
    teams: ['sales'],
    leads: [],
    supervisor: 'chen.li',
  },
  {
    login: 'qian.hao',
    name: '钱浩',
    role: 'sales',
    teams: ['sales'],
    leads: [],
    supervisor: 'chen.li',
  },
  {
    login: 'gao.min',
    name: '高敏',
    role: 'advisor',
    teams: ['advisors'],
    leads: ['advisors'],
    supervisor: 'chen.li',
  },
  {
    login: 'ma.li',
    name: '马丽',
    role: 'advisor',
    teams: ['advisors'],
    leads: [],
    supervisor: 'gao.min',
  },
  {
    login: 'luo.jing',
    name: '罗晶',
    role: 'marketing',
    teams: ['marketing'],
    leads: ['marketing'],
    supervisor: 'chen.li',
  },
].map((u) => ({ status: 'active', locale: 'zh-CN', ...u, email: `${u.login}@demo.trellis.local` }));

const repsOf = (team) =>
  users.filter((u) => u.role === 'sales' && u.teams.includes(team)).map((u) => u.login);
const cursor = {};
// The same routing as the template's automations: course first, then city, then the general team.
function route(course, city) {
  const team = ['python', 'dataAnalysis'].includes(course)
    ? 'tech'
    : course === 'uiDesign'
      ? 'design'
      : city.startsWith('3301')
        ? 'hangzhou'
        : city.startsWith('31')
          ? 'shanghai'
          : 'sales';
  const reps = repsOf(team);
  cursor[team] = ((cursor[team] ?? -1) + 1) % reps.length;
  return { team, owner: reps[cursor[team]] };
}

// Prefixes of mainland mobile networks that libphonenumber (the engine's validator) accepts.
const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '156',
  '157',
  '158',
  '159',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '198',
  '199',
];
const usedPhones = new Set();
function phone() {
  for (;;) {
    const p = `+86${pick(MOBILE_PREFIXES)}${String(int(0, 99999999)).padStart(8, '0')}`;
    if (!usedPhones.has(p)) return (usedPhones.add(p), p);
  }
}
function campaignFor(source, course) {
  if (source === 'douyin') {
    const own = T.CAMPAIGNS.filter((c) => c.channel === 'douyin' && c.course === course);
    return own.length ? pick(own).code : 'dy_2026_spring_general';
  }
  return (
    {
      wechatMp: 'mp_2026_q1_article',
      website: 'web_2026_q1_seo',
      offlineEvent: 'offline_2026_03_hz_fair',
    }[source] ?? null
  );
}
const ORDER = ['new', 'qualified', 'trial', 'quoted', 'won'];

function makeLead(index) {
  const [surname, sPinyin] = pick(T.SURNAMES);
  const [given, gPinyin] = pick(T.GIVEN);
  const source = weighted(T.SOURCES);
  const course = weighted(T.COURSES);
  const city = weighted(T.CITIES);
  let stage = weighted(T.STAGES);
  // Fresh leads are mostly still new; old ones have moved on.
  const { team, owner: routed } = route(course, city);
  const inPool = stage === 'new' && chance(0.15);
  const owner = inPool ? null : routed;
  const campaignCode = campaignFor(source, course);
  const values = {
    name: surname + given,
    phone: phone(),
    source,
    course,
    city,
    firstContactNote: pick(T.FIRST_NOTES[source]),
  };
  if (campaignCode) values.campaignCode = campaignCode;
  if (chance(0.45)) values.wechatId = `${sPinyin}${gPinyin}${int(80, 2005)}`.slice(0, 20);
  if (chance(0.5)) values.age = int(19, 42);
  if (chance(0.6)) values.occupation = weighted(T.OCCUPATIONS);
  if (chance(0.55)) values.education = weighted(T.EDUCATIONS);

  const lostFrom =
    stage === 'lost'
      ? weighted([
          ['new', 35],
          ['qualified', 25],
          ['trial', 20],
          ['quoted', 20],
        ])
      : null;
  const reached = ORDER.indexOf(lostFrom ?? stage);
  // The lead's story is built forward in minutes since creation, each event strictly after the
  // one before (stage gates look at activities since the current stage was entered); then it is
  // anchored so the last event lies in the past.
  const events = [];
  let elapsed = 0;
  const step = (minHours, maxHours) =>
    (elapsed += Math.max(1, Math.round((minHours + random() * (maxHours - minHours)) * 60)));
  const log = (type, body, extra = {}) =>
    events.push({
      kind: 'activity',
      at: elapsed,
      activity: { type, by: owner ?? routed, body, ...extra },
    });
  const enter = (s) => events.push({ kind: 'stage', at: elapsed, stage: s });

  // Most leads are called within hours; a few new ones are still waiting (they show the 48 h SLA).
  const neglected = stage === 'new' && chance(0.25);
  if (!neglected) {
    step(0.1, 6);
    log('call', pick(T.CALL_NOTES));
    if (chance(0.6)) {
      step(1, 30);
      log('wechat', pick(T.WECHAT_NOTES));
    }
  }
  if (reached >= 1) {
    step(6, 60);
    Object.assign(values, {
      budgetRange: weighted(T.BUDGETS),
      decisionCycle: weighted(T.CYCLES),
      intentLevel: pick(['a', 'b', 'b', 'c']),
    });
    enter('qualified');
    if (chance(0.3)) values.tags = [pick(T.TAGS)];
  }
  let trialAtElapsed = null;
  if (reached >= 2) {
    step(6, 48);
    values.courseAdvisor = pick(['gao.min', 'ma.li']);
    enter('trial');
    if (chance(0.3)) {
      step(2, 24);
      log('visit', pick(T.VISIT_NOTES));
    }
    if (stage === 'trial')
      values.trialAt = at(int(10, 120)); // booked, still ahead
    else trialAtElapsed = elapsed + int(12, 48) * 60; // booked; replaced below by when it took place
  }
  if (reached >= 3) {
    step(24, 96);
    trialAtElapsed = elapsed;
    log(
      'trial-class',
      pick(T.TRIAL_NOTES),
      chance(0.5)
        ? { attachments: [{ name: '听课记录.jpg', mime: 'image/jpeg', size: int(80000, 400000) }] }
        : {},
    );
    step(0.5, 3);
    enter('quoted');
  }
  if (reached >= 4 || (stage === 'lost' && lostFrom === 'quoted')) {
    const discount = pick([0, 50000, 100000, 150000]);
    values.quotedAmount = T.PRICES[course] - discount;
    step(2, 48);
    log('quote', pick(T.QUOTE_NOTES), {
      attachments: [
        {
          name: `${values.name}-学习方案与报价.pdf`,
          mime: 'application/pdf',
          size: int(120000, 900000),
        },
      ],
    });
  }
  if (stage === 'won') {
    step(12, 120);
    enter('won');
  }
  if (stage === 'lost') {
    step(12, 200);
    values.lossReason = weighted(T.LOSS_REASONS);
    if (values.lossReason === 'other') values.lossNote = pick(T.LOSS_NOTES);
    log(
      'note',
      `流失：${{ price: '觉得价格偏高', schedule: '上课时间冲突', competitor: '选择了其他机构', notMatched: '课程方向不匹配', location: '校区太远', unreachable: '多次联系不上', noNeed: '暂时没有学习计划', other: '其他原因' }[values.lossReason]}`,
    );
    step(0.1, 1);
    enter('lost');
  }
  // Anchor: fresh leads are mostly still new, old ones have moved on; neglected ones waited > 48 h.
  const sampled = (stage === 'new' ? int(2, 24 * 20) : int(24 * 8, 24 * 90)) * 60;
  const createdAgo = Math.max(sampled, neglected ? 60 * 60 : 0, elapsed + int(30, 48 * 60));
  const agoOf = (e) => `-${createdAgo - e}m`;
  const history = [
    { stage: 'new', at: agoOf(0) },
    ...events.filter((e) => e.kind === 'stage').map((e) => ({ stage: e.stage, at: agoOf(e.at) })),
  ];
  const activities = events
    .filter((e) => e.kind === 'activity')
    .map((e) => ({
      type: e.activity.type,
      at: agoOf(e.at),
      by: e.activity.by,
      body: e.activity.body,
      ...(e.activity.attachments ? { attachments: e.activity.attachments } : {}),
    }));
  // 首次接触: when a rep first reached the lead (the template stamps it on the first contact
  // activity); a lead nobody has called yet has none.
  const firstContact = activities.find((a) => ['call', 'wechat', 'visit'].includes(a.type));
  if (firstContact) values.firstContactAt = { $at: firstContact.at };
  if (trialAtElapsed !== null) values.trialAt = { $at: agoOf(Math.min(trialAtElapsed, elapsed)) };
  if (['new', 'qualified', 'trial', 'quoted'].includes(stage) && owner && chance(0.8)) {
    values.nextFollowUpAt = at(chance(0.2) ? -int(2, 72) : int(4, 96));
    values.nextFollowUpPlan = pick(T.PLANS);
  }
  if (chance(0.2))
    values.notes = pick([
      '希望晚上上课',
      '在职，只能周末学习',
      '之前自学过一点',
      '想拿作品集找工作',
    ]);

  const ref = `lead-${String(index + 1).padStart(3, '0')}`;
  const viaForm = ['douyin', 'website', 'wechatMp'].includes(source);
  const touches = viaForm
    ? [
        {
          kind: source === 'wechatMp' ? 'webhook' : 'form',
          sourceKey:
            source === 'douyin'
              ? chance(0.5)
                ? 'douyin'
                : 'douyin-landing'
              : source === 'website'
                ? 'trial-apply'
                : 'wechat-mp',
          at: agoOf(0),
          utm_source: {
            douyin: 'douyin',
            website: pick(['baidu', 'google', 'direct']),
            wechatMp: 'wechat',
          }[source],
          utm_medium: { douyin: 'cpc', website: pick(['organic', 'cpc']), wechatMp: 'article' }[
            source
          ],
          utm_campaign: campaignCode,
          utm_content: source === 'douyin' ? `video_${int(1, 24)}` : null,
          utm_term:
            source === 'website'
              ? pick(['python培训', 'ui设计培训', '数据分析课程', '转行it'])
              : null,
          referrer: {
            douyin: 'https://www.douyin.com/',
            website: 'https://www.baidu.com/',
            wechatMp: 'https://mp.weixin.qq.com/',
          }[source],
          landing_url: `https://www.example-edu.cn/${source === 'douyin' ? 'f/dy' : 'f/apply'}?utm_campaign=${campaignCode}`,
        },
      ]
    : [];
  return {
    ref,
    via: viaForm ? 'intake' : source === 'offlineEvent' ? 'import' : 'ui',
    createdAt: agoOf(0),
    createdBy: viaForm ? null : routed,
    owner,
    team: inPool ? null : team,
    stage,
    stageHistory: history,
    values,
    activities,
    touches,
  };
}

const leads = Array.from({ length: LEADS }, (_, i) => makeLead(i));
const students = [];
const enrollments = [];
for (const lead of leads.filter((l) => l.stage === 'won')) {
  const n = students.length + 1;
  const ref = `student-${String(n).padStart(3, '0')}`;
  students.push({
    ref,
    owner: lead.values.courseAdvisor ?? 'gao.min',
    createdAt: lead.stageHistory.at(-1).at,
    values: {
      name: lead.values.name,
      phone: lead.values.phone,
      lead: { $ref: lead.ref },
      course: lead.values.course,
      cohort: `${{ python: 'PY', dataAnalysis: 'DA', uiDesign: 'UI', frontend: 'FE', java: 'JV', productManager: 'PM', newMedia: 'NM', other: 'GN' }[lead.values.course]}2604${pick(['A', 'B'])}`,
      startDate: { $date: `+${int(3, 30)}d` },
      status: pick(['enrolled', 'enrolled', 'studying']),
      advisor: lead.values.courseAdvisor ?? 'gao.min',
    },
  });
  enrollments.push({
    ref: `enrollment-${String(n).padStart(3, '0')}`,
    owner: lead.owner,
    createdAt: lead.stageHistory.at(-1).at,
    values: {
      orderNo: `EDU2026${String(1000 + n)}`,
      student: { $ref: ref },
      lead: { $ref: lead.ref },
      course: lead.values.course === 'other' ? 'newMedia' : lead.values.course,
      listPrice: T.PRICES[lead.values.course],
      discount: T.PRICES[lead.values.course] - lead.values.quotedAmount,
      amount: lead.values.quotedAmount,
      paymentMethod: pick(['wechatPay', 'alipay', 'bankTransfer', 'installments']),
      paidAt: { $at: lead.stageHistory.at(-1).at },
    },
  });
}
const campaigns = T.CAMPAIGNS.map((c) => ({
  ref: `campaign-${c.code}`,
  createdAt: `-${-c.start * 24 + 24}h`,
  values: {
    code: c.code,
    title: c.title,
    channel: c.channel,
    spend: c.spend,
    startDate: { $date: `${c.start}d` },
    endDate: { $date: c.end === 0 ? '+30d' : `${c.end}d` },
    ...(c.variant ? { variant: c.variant } : {}),
  },
}));

// Just now (loaded through the engine, so the automations run on it and the run log of a fresh
// demo shows their runs): four leads arrive from the forms, each routed by one of the three
// routing rules and skipped by the other two; reps log a first call, a later call (first contact
// already stamped: skipped) and two trial classes that move their lead to the quote stage. One
// of those leads has no course advisor yet, so the notice to the advisor fails with its reason.
// Generated after everything else, so the records above stay what they were.
const firstCall = leads.find((l) => l.stage === 'new' && l.owner && !l.values.firstContactAt);
const laterCall = leads.find((l) => l.stage === 'qualified' && l.owner && l.values.firstContactAt);
const trials = leads.filter((l) => l.stage === 'trial' && l.owner);
const [withAdvisor, noAdvisor] = [trials[0], trials[1]];
delete noAdvisor.values.courseAdvisor;
const arrivals = [
  ['website', 'python', '330100', T.FIRST_NOTES.website[0]],
  ['douyin', 'uiDesign', '330100', T.FIRST_NOTES.douyin[2]],
  ['wechatMp', 'java', '310100', T.FIRST_NOTES.wechatMp[1]],
  ['website', 'other', null, T.FIRST_NOTES.website[1]],
].map(([source, course, city, note], i) => ({
  do: 'create',
  entity: 'lead',
  ref: `recent-lead-${i + 1}`,
  values: {
    name: `${pick(T.SURNAMES)[0]}${pick(T.GIVEN)[0]}`,
    phone: phone(),
    source,
    course,
    ...(city ? { city } : {}),
    firstContactNote: note,
  },
  touch: {
    sourceKey: source === 'douyin' ? 'dy' : 'apply',
    utm_source: source === 'wechatMp' ? 'wechat' : source,
    utm_medium: source === 'douyin' ? 'cpc' : 'organic',
  },
}));
const logged = (lead, type, body) => ({
  do: 'log',
  entity: 'lead',
  ref: lead.ref,
  type,
  by: lead.owner,
  body,
});
const recent = [
  ...arrivals,
  logged(firstCall, 'call', T.CALL_NOTES[0]),
  logged(laterCall, 'call', T.CALL_NOTES[2]),
  logged(withAdvisor, 'trial-class', T.TRIAL_NOTES[0]),
  logged(noAdvisor, 'trial-class', T.TRIAL_NOTES[1]),
];

const recipe = {
  $comment:
    'Generated by scripts/generate-demo.mjs — edit the script, not this file. Format: templates/education/README.md#demo-data.',
  recipe: 1,
  template: 'education',
  users,
  records: { campaign: campaigns, lead: leads, student: students, enrollment: enrollments },
  recent,
};
const out = fileURLToPath(new URL('../demo/recipe.json', import.meta.url));
// One record per line: readable diffs without a 300 KB pretty-printed file.
const lines = (list) =>
  '[\n' + list.map((item) => '    ' + JSON.stringify(item)).join(',\n') + '\n  ]';
const text = [
  '{',
  `  "$comment": ${JSON.stringify(recipe.$comment)},`,
  `  "recipe": 1,`,
  `  "template": "education",`,
  `  "users": ${lines(users)},`,
  '  "records": {',
  Object.entries(recipe.records)
    .map(([key, list]) => `  ${JSON.stringify(key)}: ${lines(list)}`)
    .join(',\n'),
  '  },',
  `  "recent": ${lines(recent)}`,
  '}',
].join('\n');
JSON.parse(text);
writeFileSync(out, text + '\n');
console.log(
  `wrote ${out}: ${users.length} users, ${leads.length} leads, ${students.length} students, ${campaigns.length} campaigns`,
);
