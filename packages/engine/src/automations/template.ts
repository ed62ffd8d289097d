import type { EntitySpec, LocaleMap } from '@trellis/spec';
import { getField, localize } from '@trellis/spec';
import type { Locale, RecordData } from '../ports';
import type { TextSpan } from '../redaction/text-spans';

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

/** A rendered message and where it quotes record fields (see redaction/text-spans). */
export type RenderedText = { text: string; spans: TextSpan[] };

/**
 * Fills `{{field}}` and `{{record.field}}` placeholders of a message (plain text or a locale
 * map, resolved to `locale`) with the record's values; choices show their option label in
 * `locale` when the entity is given. Unknown fields become empty. Also returns the span of every
 * filled placeholder, so a reader who may not see a field gets exactly that part masked (the
 * engine's redaction, on data).
 */
export function renderMessageSpans(
  message: LocaleMap | string | undefined,
  record: RecordData | null,
  locale: Locale,
  entity?: EntitySpec,
): RenderedText {
  const template = localize(message as LocaleMap | string | undefined, locale);
  const spans: TextSpan[] = [];
  let text = '';
  let at = 0;
  for (const m of template.matchAll(/\{\{\s*([A-Za-z0-9_.$]+)\s*\}\}/g)) {
    const path = m[1] as string;
    const key = path.startsWith('record.') ? path.slice(7) : path;
    // Each part is NFC on its own, so the stored (normalized) text keeps these offsets.
    text += template.slice(at, m.index).normalize('NFC');
    const value = display(entity, key, record?.[key], locale).normalize('NFC');
    if (value !== '') spans.push([text.length, text.length + value.length, key]);
    text += value;
    at = m.index + m[0].length;
  }
  return trimRendered({ text: text + template.slice(at).normalize('NFC'), spans });
}

/** Trims the text as stores do (tasks, notifications) and moves the spans with it. */
function trimRendered(r: RenderedText): RenderedText {
  const lead = r.text.length - r.text.trimStart().length;
  const text = r.text.trim();
  const spans = r.spans
    .map(([s, e, f]): TextSpan => [Math.max(0, s - lead), Math.min(text.length, e - lead), f])
    .filter(([s, e]) => e > s);
  return { text, spans };
}
