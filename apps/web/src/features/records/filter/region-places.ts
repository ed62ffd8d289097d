import { regionChildren, regionInfo, type RegionNames } from '@trellis/spec';

/** One place of the picker: its code, the name shown, and what a search matches. */
export type PlaceOption = {
  value: string;
  label: string;
  /** The Chinese name and the pinyin (the English names are pinyin plus the kind of place). */
  keys: string;
  children?: PlaceOption[];
};

const DEPTH = { province: 1, city: 2, district: 3 } as const;

// "Xihu District" -> "xihudistrict": typing "xihu" or "xi hu" finds it.
const squash = (s: string) => s.toLowerCase().replace(/[\s'’-]+/g, '');

/**
 * The cascader's columns down to the field's level (a city field: provinces and cities), named
 * in English when `names` are given. Searchable by the Chinese name and by its pinyin, which the
 * English names spell (the names load for a search in either language).
 */
export function placeOptions(
  level: string | undefined,
  label: RegionNames | undefined,
  pinyin: RegionNames | undefined,
): PlaceOption[] {
  const depth = DEPTH[(level as keyof typeof DEPTH) ?? 'district'] ?? 3;
  const build = (parent: string | null, at: number): PlaceOption[] =>
    regionChildren(parent).map((r) => {
      const children = at + 1 < depth ? build(r.code, at + 1) : [];
      return {
        value: r.code,
        label: label?.[r.code] ?? r.name,
        keys: `${r.name} ${squash(pinyin?.[r.code] ?? '')}`,
        ...(children.length > 0 ? { children } : {}),
      };
    });
  return build(null, 0);
}

/** Whether a typed search matches one of the places on a path (Chinese or pinyin). */
export function placeMatches(typed: string, path: { keys?: unknown }[]): boolean {
  const needle = squash(typed.trim());
  if (!needle) return true;
  return path.some((o) => String(o.keys ?? '').includes(needle));
}

/** The codes from the province down to `code` (the cascader's value). */
export function placePath(code: unknown): string[] {
  const path: string[] = [];
  let at = typeof code === 'string' ? regionInfo(code) : undefined;
  while (at) {
    path.unshift(at.code);
    at = at.parent ? regionInfo(at.parent) : undefined;
  }
  return path;
}
