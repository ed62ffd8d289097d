import type { AppShape } from '../src/index';

// The generated leads both store benchmarks measure (SQLite: run.ts, PostgreSQL: postgres.ts).

export const spec: AppShape = {
  entities: [
    {
      key: 'lead',
      titleField: 'name',
      identity: [['phone'], ['email']],
      fields: [
        { key: 'name', type: 'text' },
        { key: 'phone', type: 'phone' },
        { key: 'email', type: 'email' },
        { key: 'city', type: 'region', indexed: true },
        {
          key: 'source',
          type: 'select',
          options: [{ value: 'douyin' }, { value: 'wechat' }, { value: 'website' }],
        },
        {
          key: 'course',
          type: 'select',
          options: [{ value: 'python' }, { value: 'java' }, { value: 'design' }],
        },
        { key: 'budget', type: 'money' },
        { key: 'notes', type: 'longtext' },
      ],
    },
  ],
};
export const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
export const GIVEN = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽小',
];
export const CITIES = Array.from({ length: 30 }, (_, i) => String(110100 + i * 10100));
export const STAGES = ['new', 'contacted', 'qualified', 'trial', 'won', 'lost'];

/** Deterministic PRNG so every generated database is the same. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}
export const pick = <T>(r: () => number, xs: readonly T[]): T =>
  xs[Math.floor(r() * xs.length)] as T;

const START = Date.UTC(2024, 0, 1);
const SPAN = 2 * 365 * 86_400_000;

/** The i-th of `rows` generated leads (deterministic for a given PRNG state). */
export function leadRow(i: number, rows: number, r: () => number) {
  const createdAt = START + Math.floor((i / rows) * SPAN) + Math.floor(r() * 60_000);
  const name = pick(r, SURNAMES) + pick(r, GIVEN) + (r() < 0.6 ? pick(r, GIVEN) : '');
  const phone = `+861${3 + Math.floor(r() * 6)}${String(i).padStart(9, '0')}`;
  const email = r() < 0.2 ? `user${i}@example.com` : null;
  const id = `0${createdAt.toString(16)}-${i.toString(16).padStart(8, '0')}`;
  return {
    id,
    createdAt,
    ownerId: `u${Math.floor(r() * 50)}`,
    stage: pick(r, STAGES),
    name,
    phone,
    email,
    city: pick(r, CITIES),
    source: pick(r, ['douyin', 'wechat', 'website']),
    course: pick(r, ['python', 'java', 'design']),
    budget: Math.floor(r() * 5000) * 100,
  };
}
