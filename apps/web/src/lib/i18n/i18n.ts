import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { detectLocale, rememberLocale, setCurrentLocale, type Locale } from './locale';

/**
 * The shared UI strings of each language; `zh-CN.json` and `en.json` hold the same keys (a test
 * checks). Each is its own small chunk: a visit loads its language's, not both, in the shell.
 */
const sharedStrings: Record<Locale, () => Promise<{ default: object }>> = {
  'zh-CN': () => import('../../locales/zh-CN.json'),
  en: () => import('../../locales/en.json'),
};

/** Loads a language's shared strings unless they are there already. */
async function loadLocale(locale: Locale): Promise<void> {
  if (i18next.hasResourceBundle(locale, 'translation')) return;
  const { default: strings } = await sharedStrings[locale]();
  i18next.addResourceBundle(locale, 'translation', strings, true, false);
}

/** Starts i18next in the detected language with its strings. Awaited before the first render. */
export async function initI18n(): Promise<typeof i18next> {
  const lng = detectLocale();
  setCurrentLocale(lng);
  const { default: strings } = await sharedStrings[lng]();
  await i18next.use(initReactI18next).init({
    resources: { [lng]: { translation: strings } },
    // Other languages' strings are added when switched to (and t(key, { lng }) of a language
    // not loaded yet falls back to the key, so load it first).
    partialBundledLanguages: true,
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
  await loadLocale(locale);
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
  // A page opened by its address has its chunk loaded by the router as it starts, which can be
  // before init: i18next has no store yet (no hasResourceBundle — the builder then failed to
  // load), and init would replace one anyway. The strings are added once it is ready.
  if (!i18next.isInitialized) {
    const ready = () => {
      i18next.off('initialized', ready);
      addFeatureStrings(ns, strings);
    };
    i18next.on('initialized', ready);
    return;
  }
  for (const locale of Object.keys(strings) as Locale[])
    if (!i18next.hasResourceBundle(locale, ns))
      i18next.addResourceBundle(locale, ns, strings[locale], true, false);
}
