/**
 * A camelCase key from a label ("Course enrollment" -> "courseEnrollment"), unique among
 * `taken`. A label without Latin letters (Chinese) gives `<fallback><n>`.
 */
export function camelKeyFrom(text: string, taken: Iterable<string>, fallback: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  let base = words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase()))
    .join('')
    .slice(0, 48);
  if (!/^[a-z]/.test(base)) base = '';
  return unique(base || fallback, taken, Boolean(base));
}

/** A kebab-case key from a label ("Course enrollment" -> "course-enrollment"), unique. */
export function kebabKeyFrom(text: string, taken: Iterable<string>, fallback: string): string {
  const base = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return unique(/^[a-z]/.test(base) ? base : fallback, taken, /^[a-z]/.test(base), '-');
}

function unique(base: string, taken: Iterable<string>, plainFirst: boolean, sep = ''): string {
  const used = new Set(taken);
  if (plainFirst && !used.has(base)) return base;
  for (let n = plainFirst ? 2 : 1; ; n++) {
    const key = `${base}${sep}${n}`;
    if (!used.has(key)) return key;
  }
}
