import { useTranslation } from 'react-i18next';
import type { Locale } from './locale';

/** The active UI language, re-rendering when it changes. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}
