/** Text per language, as the spec's locale maps hold it. */
export type LocaleMap = Partial<Record<'zh-CN' | 'en', string>>;

/**
 * How a text changed: applied to the text as the draft (or a dialog's state) holds it then, so
 * typing into the English box right after the Chinese one keeps the Chinese text even before a
 * re-render; undefined when every language was emptied.
 */
export type LocaleChange = (latest: unknown) => LocaleMap | undefined;

/** The text per language of a spec label (a plain string is Chinese). */
export const asLocaleMap = (value: unknown): LocaleMap =>
  typeof value === 'string' ? { 'zh-CN': value } : ((value ?? {}) as LocaleMap);

/** The change that sets one language's text ('' removes it). */
export const localeChange =
  (locale: 'zh-CN' | 'en', text: string): LocaleChange =>
  (latest) => {
    const next: LocaleMap = { ...asLocaleMap(latest) };
    if (text === '') delete next[locale];
    else next[locale] = text;
    return Object.keys(next).length > 0 ? next : undefined;
  };
