import type { LocaleMap } from '@trellis/spec';
import { localize } from '@trellis/spec';
import type { Locale, RecordData } from '../ports';

function show(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(show).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * Fills `{{field}}` and `{{record.field}}` placeholders of a message (plain text or a locale
 * map, resolved to `locale`) with the record's values. Unknown fields become empty.
 */
export function renderMessage(
  message: LocaleMap | string | undefined,
  record: RecordData | null,
  locale: Locale,
  extra: Record<string, unknown> = {},
): string {
  const text = localize(message as LocaleMap | string | undefined, locale);
  return text.replace(/\{\{\s*([A-Za-z0-9_.$]+)\s*\}\}/g, (_, path: string) => {
    const key = path.startsWith('record.') ? path.slice(7) : path;
    if (key in extra) return show(extra[key]);
    return show(record?.[key]);
  });
}
