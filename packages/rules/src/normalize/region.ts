import type { RegionLevel } from '@trellis/spec';
import type { RegionSource } from '../env/types';

const DEPTH: Record<RegionLevel, number> = { province: 0, city: 1, district: 2 };
const indexes = new WeakMap<RegionSource, Map<string, string[]>>();

// "浙江省" -> "浙江", "杭州市" -> "杭州", "西湖区" -> "西湖": people write both forms.
const short = (name: string) =>
  name.replace(/(省|市|自治区|特别行政区|壮族|回族|维吾尔|地区|自治州|盟|区|县)+$/u, '');

// Built once per source; a browser source that loads provinces later passes a new source object.
function index(regions: RegionSource): Map<string, string[]> {
  const cached = indexes.get(regions);
  if (cached) return cached;
  const map = new Map<string, string[]>();
  const add = (key: string, code: string) => {
    const list = map.get(key);
    if (!list) map.set(key, [code]);
    else if (!list.includes(code)) list.push(code);
  };
  const visit = (parent: string | null, path: string[]) => {
    for (const n of regions.children(parent)) {
      const names = [...path, n.name];
      add(n.name, n.code);
      if (short(n.name) !== '') add(short(n.name), n.code);
      add(names.join(''), n.code);
      add(names.map(short).join(''), n.code);
      visit(n.code, names);
    }
  };
  visit(null, []);
  indexes.set(regions, map);
  return map;
}

/**
 * A region value as a GB/T 2260 code: codes pass through; a place name ("杭州", "杭州市",
 * "浙江省杭州市") becomes its code when exactly one division at or above `level` has it.
 */
export function regionCode(text: string, level: RegionLevel, regions: RegionSource): string {
  if (/^\d{6}$/.test(text)) return text;
  const compact = text.replace(/[\s/·,，-]+/g, '');
  const codes = (index(regions).get(compact) ?? []).filter(
    (c) => DEPTH[regions.info(c)?.level ?? 'district'] <= DEPTH[level],
  );
  return codes.length === 1 ? codes[0]! : text;
}

/** Whether `code` is a known division no deeper than `level`. */
export function isKnownRegion(code: string, level: RegionLevel, regions: RegionSource): boolean {
  const info = regions.info(code);
  return info !== undefined && DEPTH[info.level] <= DEPTH[level];
}
