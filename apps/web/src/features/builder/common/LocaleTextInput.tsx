import { Flex, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDraft } from '../draft/useDraft';
import { asLocaleMap, localeChange, type LocaleChange } from './locale-change';

type Props = {
  value: unknown;
  onChange: (change: LocaleChange) => void;
  /** The accessible name of the whole input ("Label", "Help text"). */
  label: string;
  multiline?: boolean;
  status?: 'error' | undefined;
  id?: string;
};

/** Text in each of the app's languages (中文 / English), as the spec's locale maps hold it. */
export function LocaleTextInput({ value, onChange, label, multiline, status, id }: Props) {
  const { t } = useTranslation('builder');
  const locales = useDraft((s) => s.spec.locales ?? ['zh-CN', 'en']) as ('zh-CN' | 'en')[];
  const map = asLocaleMap(value);
  const set = (locale: 'zh-CN' | 'en', text: string) => onChange(localeChange(locale, text));
  return (
    <Flex vertical gap={4} style={{ width: '100%' }}>
      {locales.map((locale, i) => {
        const common = {
          id: i === 0 ? id : undefined,
          'aria-label': `${label} (${t(`locales.${locale}`)})`,
          value: map[locale] ?? '',
          status,
          onChange: (e: { target: { value: string } }) => set(locale, e.target.value),
        };
        return multiline ? (
          <Input.TextArea
            key={locale}
            {...common}
            placeholder={t(`locales.${locale}`)}
            autoSize={{ minRows: 1, maxRows: 4 }}
          />
        ) : (
          <Input
            key={locale}
            {...common}
            prefix={
              <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>
                {t(`locales.short.${locale}`)}
              </span>
            }
          />
        );
      })}
    </Flex>
  );
}
