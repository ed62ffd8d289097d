import { regionChildren, regionInfo, type RegionInfo, type RegionLevel } from '@trellis/spec';

const DEPTH: Record<RegionLevel, number> = { province: 0, city: 1, district: 2 };
let byName: Map<string, string[]> | undefined;

// "浙江省" -> "浙江", "杭州市" -> "杭州", "西湖区" -> "西湖": people write both forms.
const short = (name: string) =>
  name.replace(/(省|市|自治区|特别行政区|壮族|回族|维吾尔|地区|自治州|盟|区|县)+$/u, '');

function index(): Map<string, string[]> {
  if (byName) return byName;
  const map = new Map<string, string[]>();
  const add = (key: string, code: string) => {
    const list = map.get(key);
    if (!list) map.set(key, [code]);
    else if (!list.includes(code)) list.push(code);
  };
  const visit = (nodes: RegionInfo[], path: string[]) => {
    for (const n of nodes) {
      const names = [...path, n.name];
      add(n.name, n.code);
      if (short(n.name) !== '') add(short(n.name), n.code);
      add(names.join(''), n.code);
      add(names.map(short).join(''), n.code);
      visit(regionChildren(n.code), names);
    }
  };
  visit(regionChildren(null), []);
  byName = map;
  return map;
}

/**
 * A region value as a GB/T 2260 code: codes pass through; a place name ("杭州", "杭州市",
 * "浙江省杭州市") becomes its code when exactly one division at or above `level` has it.
 */
export function regionCode(text: string, level: RegionLevel): string {
  if (/^\d{6}$/.test(text)) return text;
  const compact = text.replace(/[\s/·,，-]+/g, '');
  const codes = (index().get(compact) ?? []).filter(
    (c) => DEPTH[regionInfo(c)?.level ?? 'district'] <= DEPTH[level],
  );
  return codes.length === 1 ? codes[0]! : text;
}

/** Whether `code` is a known division no deeper than `level`. */
export function isKnownRegion(code: string, level: RegionLevel): boolean {
  const info = regionInfo(code);
  return info !== undefined && DEPTH[info.level] <= DEPTH[level];
}
