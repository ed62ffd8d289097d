import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../locales/en.json';
import zhCN from '../../locales/zh-CN.json';
import { detectLocale, rememberLocale, setCurrentLocale, type Locale } from './locale';

/** The UI strings; `zh-CN.json` and `en.json` hold the same keys (a test checks). */
const resources = { 'zh-CN': { translation: zhCN }, en: { translation: en } } as const;

/** Starts i18next in the detected language. Called once before the first render. */
export function initI18n(): typeof i18next {
  const lng = detectLocale();
  setCurrentLocale(lng);
  void i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: false,
    // A feature's own namespace (its strings load with its chunk) falls back to the shared one.
    fallbackNS: 'translation',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
  return i18next;
}

/** Switches the UI language now and for the next visit. */
export async function changeLocale(locale: Locale): Promise<void> {
  rememberLocale(locale);
  document.documentElement.lang = locale;
  await i18next.changeLanguage(locale);
}

/**
 * Adds a lazily loaded feature's strings as i18next namespace `ns` (the feature's chunk carries
 * them, so the app shell does not). Components read them with `useTranslation(ns)`; keys they do
 * not find there come from the shared strings. `locales.test.ts` checks both files have the same keys.
 */
export function addFeatureStrings(ns: string, strings: Record<Locale, object>): void {
  for (const locale of Object.keys(strings) as Locale[])
    if (!i18next.hasResourceBundle(locale, ns))
      i18next.addResourceBundle(locale, ns, strings[locale], true, false);
}
