import type { Random } from './random';

// Common surnames weighted roughly by frequency, and given-name characters; enough variety that
// a list of a few thousand names reads like real people, not a pattern.
const SURNAMES = {
  王: 72,
  李: 70,
  张: 68,
  刘: 52,
  陈: 45,
  杨: 31,
  黄: 24,
  赵: 22,
  吴: 21,
  周: 20,
  徐: 15,
  孙: 15,
  马: 12,
  朱: 12,
  胡: 11,
  郭: 11,
  何: 10,
  林: 9,
  高: 9,
  罗: 8,
  郑: 8,
  梁: 7,
  谢: 6,
  宋: 6,
  唐: 6,
  许: 5,
  韩: 5,
  冯: 5,
  邓: 5,
  曹: 5,
} as const;
const GIVEN = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍鹏辉建国文博宇浩然子涵梓轩欣怡思远雨婷佳琪嘉怡俊杰晨阳一鸣若曦诗琪',
];

// The pinyin of every character the names and company names above draw from: enough to write
// the work e-mail a person of that name would have (wang.wei@huaxin-tech.com.cn).
const PINYIN = new Map(
  (
    '王wang 李li 张zhang 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou 徐xu 孙sun 马ma 朱zhu 胡hu 郭guo 何he ' +
    '林lin 高gao 罗luo 郑zheng 梁liang 谢xie 宋song 唐tang 许xu 韩han 冯feng 邓deng 曹cao 伟wei 芳fang 娜na ' +
    '秀xiu 英ying 敏min 静jing 丽li 强qiang 磊lei 军jun 洋yang 勇yong 艳yan 杰jie 娟juan 涛tao 明ming 超chao ' +
    '兰lan 霞xia 平ping 刚gang 桂gui 华hua 玉yu 萍ping 鹏peng 辉hui 建jian 国guo 文wen 博bo 宇yu 浩hao 然ran ' +
    '子zi 涵han 梓zi 轩xuan 欣xin 怡yi 思si 远yuan 雨yu 婷ting 佳jia 琪qi 嘉jia 俊jun 晨chen 阳yang 一yi 鸣ming ' +
    '若ruo 曦xi 诗shi 信xin 达da 通tong 汇hui 创chuang 联lian 宏hong 泰tai 鑫xin 瑞rui 盛sheng 源yuan 恒heng ' +
    '睿rui 智zhi 科ke 云yun 海hai 天tian 成cheng 卓zhuo 航hang'
  )
    .split(' ')
    .map((w) => [w.slice(0, 1), w.slice(1)] as const),
);
const pinyin = (chars: string) => [...chars].map((c) => PINYIN.get(c) ?? '').join('');

/** A Chinese full name: a surname and one or two given-name characters. */
export function chineseName(r: Random): string {
  const surname = r.weighted(SURNAMES);
  const given = r.pick(GIVEN) + (r.chance(0.7) ? r.pick(GIVEN) : '');
  return surname + given;
}

// Prefixes of mainland mobile numbers in use (China Mobile, Unicom, Telecom): libphonenumber
// accepts them as valid CN mobiles.
const MOBILE_PREFIXES = [
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '147',
  '150',
  '151',
  '152',
  '157',
  '158',
  '159',
  '178',
  '182',
  '183',
  '184',
  '187',
  '188',
  '198',
  '130',
  '131',
  '132',
  '155',
  '156',
  '166',
  '175',
  '176',
  '185',
  '186',
  '133',
  '153',
  '173',
  '177',
  '180',
  '181',
  '189',
  '199',
];

/** A valid mainland mobile number in E.164; distinct `n` (below 10^8) give distinct numbers. */
export function mobile(r: Random, n: number): string {
  // n times a number coprime to 10^8, mod 10^8: a bijection, so the last eight digits never
  // collide, yet consecutive records do not get consecutive numbers.
  const tail = String((n * 7_368_787) % 100_000_000).padStart(8, '0');
  return `+86${r.pick(MOBILE_PREFIXES)}${tail}`;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * A unified social credit code (统一社会信用代码, GB 32100-2015) with a correct check
 * character: registration authority 9 (industry and commerce), type 1 (enterprise), a region
 * code, then a random organisation code.
 */
export function usccCode(r: Random, regionCode: string): string {
  let body = `91${regionCode.slice(0, 6).padEnd(6, '0')}`;
  for (let i = 0; i < 9; i++) body += USCC_CHARS[r.int(0, USCC_CHARS.length - 1)];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(body[i]!) * USCC_WEIGHTS[i]!;
  return body + USCC_CHARS[(31 - (sum % 31)) % 31];
}

const COMPANY_CORE = [...'华信达通汇创联宏泰鑫瑞嘉盛源恒博睿智科云海天成卓远航'];
const COMPANY_KIND = [
  '科技',
  '电子',
  '机械',
  '医疗器械',
  '贸易',
  '信息技术',
  '精密制造',
  '新材料',
  '物流',
  '供应链',
];

// The English word a company of each kind puts in its web domain.
const KIND_DOMAIN: Record<string, string> = {
  科技: 'tech',
  电子: 'elec',
  机械: 'machinery',
  医疗器械: 'medical',
  贸易: 'trading',
  信息技术: 'it',
  精密制造: 'precision',
  新材料: 'materials',
  物流: 'logistics',
  供应链: 'scm',
};

/** A company such as 杭州华信科技有限公司 for a city name, with its web domain (huaxin-tech.com.cn). */
export function company(r: Random, city: string): { name: string; domain: string } {
  const core = r.pick(COMPANY_CORE) + r.pick(COMPANY_CORE);
  const kind = r.pick(COMPANY_KIND);
  return {
    name: `${city}${core}${kind}有限公司`,
    domain: `${pinyin(core)}-${KIND_DOMAIN[kind]}.com.cn`,
  };
}

/** The work e-mail of a person at a company's domain: 王伟 → wang.wei@… */
export function workEmail(name: string, domain: string): string {
  return `${pinyin(name.slice(0, 1))}.${pinyin(name.slice(1))}@${domain}`;
}
