import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLocale } from '../lib/i18n/i18n';
import { LOCALES, type Locale } from '../lib/i18n/locale';
import { useLocale } from '../lib/i18n/useLocale';

/** 中文 / English, remembered in this browser. */
export function LanguageSwitch({ size }: { size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Segmented<Locale>
      aria-label={t('language.switch')}
      size={size ?? 'small'}
      value={locale}
      options={LOCALES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
      onChange={(l) => void changeLocale(l)}
    />
  );
}
