import { SUPPORTED_LOCALES } from '@trellis/spec';
import type { Locale } from '../ports';
import { TEXT_SPANS_KEY, type TextSpans } from './text-spans';

/**
 * The key under which a notification's payload (a task's source) keeps its texts in every UI
 * language: `{ 'zh-CN': { title, body, textSpans }, en: { … } }`. The row's own title and body
 * are in the recipient's language at send time (what older versions and e-mails read); a reader
 * is shown the texts of the language they read in now, so an English rep reads English even for
 * a reminder sent while they used Chinese. Rows written before this key existed show as stored.
 */
export const TEXTS_KEY = 'texts';

/** One language's rendering: the free-text properties and where they quote fields. */
export type Rendering = { props: Record<string, string | null>; spans?: TextSpans };

type Stored = Record<string, unknown>;

/** Renders an item's texts in every UI language, as stored under TEXTS_KEY. */
export function inEveryLocale(render: (locale: Locale) => Rendering): Record<Locale, Stored> {
  const out = {} as Record<Locale, Stored>;
  for (const locale of SUPPORTED_LOCALES) {
    const r = render(locale);
    out[locale] = { ...r.props, ...(r.spans ? { [TEXT_SPANS_KEY]: r.spans } : {}) };
  }
  return out;
}

/** A copy of a holder (payload, source) without its texts in every language. */
export function withoutTexts(holder: unknown): unknown {
  if (typeof holder !== 'object' || holder === null || !(TEXTS_KEY in holder)) return holder;
  const { [TEXTS_KEY]: _texts, ...rest } = holder as Record<string, unknown>;
  return rest;
}

/**
 * The item as a reader of `locale` sees it: the named properties in their language (with that
 * rendering's spans in the holder, for the masking that follows) and the texts key gone. An item
 * without texts in that language keeps its stored properties.
 */
export function inReaderLocale<T extends Record<string, unknown>>(
  item: T,
  holderKey: keyof T & string,
  props: readonly (keyof T & string)[],
  locale: Locale | undefined,
): T {
  const holder = item[holderKey];
  if (typeof holder !== 'object' || holder === null || !(TEXTS_KEY in holder)) return item;
  const all = (holder as Record<string, unknown>)[TEXTS_KEY];
  const mine = locale && typeof all === 'object' && all !== null ? (all as Stored)[locale] : null;
  const rest = withoutTexts(holder) as Record<string, unknown>;
  if (typeof mine !== 'object' || mine === null) return { ...item, [holderKey]: rest };
  const chosen = mine as Stored;
  const out: Record<string, unknown> = { ...item };
  for (const p of props) {
    const v = chosen[p];
    if (typeof v === 'string' || v === null) out[p] = v;
  }
  // The spans belong to the text they were rendered with: the chosen language's, or none.
  const { [TEXT_SPANS_KEY]: _stored, ...holderRest } = rest;
  const spans = chosen[TEXT_SPANS_KEY];
  out[holderKey] = spans === undefined ? holderRest : { ...holderRest, [TEXT_SPANS_KEY]: spans };
  return out as T;
}
