import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../locales/en.json';
import zhCN from '../../locales/zh-CN.json';
import { detectLocale, rememberLocale, setCurrentLocale, type Locale } from './locale';

/** The UI strings; `zh-CN.json` and `en.json` hold the same keys (a test checks). */
export const resources = { 'zh-CN': { translation: zhCN }, en: { translation: en } } as const;

/** Starts i18next in the detected language. Called once before the first render. */
export function initI18n(): typeof i18next {
  const lng = detectLocale();
  setCurrentLocale(lng);
  void i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: false,
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
