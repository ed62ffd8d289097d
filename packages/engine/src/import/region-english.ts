import { regionChildren, regionNamesEn, regionPath } from '@trellis/spec';

let index: Map<string, string | null> | undefined;

const key = (text: string) =>
  text
    .toLowerCase()
    .replace(/[\s,]+/g, ' ')
    .trim();

// Every division by its English path as an English export writes it ("Xihu District, Hangzhou,
// Zhejiang") and by its English name alone when no other division has it (null: ambiguous).
function build(): Map<string, string | null> {
  const names = regionNamesEn();
  const map = new Map<string, string | null>();
  const visit = (parent: string | null) => {
    for (const r of regionChildren(parent)) {
      const path = regionPath(r.code, names);
      if (path && !map.has(key(path))) map.set(key(path), r.code);
      const own = key(names[r.code] ?? '');
      if (own) map.set(own, map.has(own) && map.get(own) !== r.code ? null : r.code);
      visit(r.code);
    }
  };
  visit(null);
  return map;
}

/**
 * The GB/T 2260 code of a region written in English, as an English export writes it, or
 * undefined: the write path then reads the text as Chinese names or a code, as before.
 */
export function englishRegionCode(text: string): string | undefined {
  if (!/[A-Za-z]/.test(text)) return undefined;
  index ??= build();
  return index.get(key(text)) ?? undefined;
}
