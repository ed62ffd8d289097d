import type { Locale } from './locale';

/** A label of the spec: a plain text or one text per locale. */
export type SpecLabel = string | Partial<Record<string, string>> | null | undefined;

/** The label in `locale`, else zh-CN, else any language it has, else `fallback`. */
export function labelOf(label: SpecLabel, locale: Locale, fallback = ''): string {
  if (typeof label === 'string') return label;
  if (!label) return fallback;
  return label[locale] ?? label['zh-CN'] ?? Object.values(label).find(Boolean) ?? fallback;
}
