/** The UI languages; the spec's labels carry the same keys. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = 'trellis.locale';
let active: Locale = 'zh-CN';

/** The language the user chose before (remembered in this browser), else the browser's. */
export function detectLocale(
  stored: string | null = safeStorage()?.getItem(STORAGE_KEY) ?? null,
  languages: readonly string[] = globalThis.navigator?.languages ?? [],
): Locale {
  if (stored === 'zh-CN' || stored === 'en') return stored;
  for (const lang of languages) {
    const lower = lang.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return languages.length > 0 ? 'en' : 'zh-CN';
}

/** Remembers the user's choice for the next visit. */
export function rememberLocale(locale: Locale): void {
  active = locale;
  safeStorage()?.setItem(STORAGE_KEY, locale);
}

/** The language of requests (Accept-Language) and of `Intl` formatting right now. */
export function currentLocale(): Locale {
  return active;
}

export function setCurrentLocale(locale: Locale): void {
  active = locale;
}

function safeStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
