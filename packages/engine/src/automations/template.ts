import type { EntitySpec, LocaleMap } from '@trellis/spec';
import { getField, localize } from '@trellis/spec';
import type { Locale, RecordData } from '../ports';

function show(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(show).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A select/multiselect value shown as its option label (what people read), else as is. */
function display(entity: EntitySpec | undefined, key: string, v: unknown, locale: Locale): string {
  const field = entity ? getField(entity, key) : undefined;
  if (field && (field.type === 'select' || field.type === 'multiselect')) {
    const label = (x: unknown) => {
      const o = field.options.find((opt) => opt.value === x);
      return o ? localize(o.label, locale) : show(x);
    };
    return Array.isArray(v)
      ? v.map(label).join(locale === 'zh-CN' ? '、' : ', ')
      : v === null || v === undefined
        ? ''
        : label(v);
  }
  return show(v);
}

/**
 * Fills `{{field}}` and `{{record.field}}` placeholders of a message (plain text or a locale
 * map, resolved to `locale`) with the record's values; choices show their option label in
 * `locale` when the entity is given. Unknown fields become empty.
 */
export function renderMessage(
  message: LocaleMap | string | undefined,
  record: RecordData | null,
  locale: Locale,
  entity?: EntitySpec,
): string {
  const text = localize(message as LocaleMap | string | undefined, locale);
  return text.replace(/\{\{\s*([A-Za-z0-9_.$]+)\s*\}\}/g, (_, path: string) => {
    const key = path.startsWith('record.') ? path.slice(7) : path;
    return display(entity, key, record?.[key], locale);
  });
}
