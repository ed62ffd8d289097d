import type { Locale } from '@trellis/engine';

/** Locales the server answers in (docs/api.md, "Errors"): the engine's type. */
export type { Locale };
const DEFAULT_LOCALE: Locale = 'zh-CN';

/**
 * Picks the answer locale from an Accept-Language header: the first listed language (by q)
 * that is Chinese or English wins; anything else falls back to zh-CN.
 */
export function pickLocale(
  header: string | undefined | null,
  fallback: Locale = DEFAULT_LOCALE,
): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((r) => r.trim()).find((r) => r.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return fallback;
}
