import { Segmented } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api/client';
import { changeLocale } from '../lib/i18n/i18n';
import { LOCALES, type Locale } from '../lib/i18n/locale';
import { useLocale } from '../lib/i18n/useLocale';
import { recordKeys, workKeys } from '../lib/records/keys';

/**
 * 中文 / English, remembered in this browser. Signed in, the choice is also the user's language
 * on the server (what e-mails are written in), and the texts the server renders per reader —
 * notifications, tasks, a timeline's tasks — are read again in it.
 */
export function LanguageSwitch({
  size,
  signedIn,
}: {
  size?: 'small' | 'middle';
  signedIn?: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const client = useQueryClient();
  const choose = async (next: Locale) => {
    await changeLocale(next);
    if (!signedIn) return;
    void client.invalidateQueries({ queryKey: workKeys.all });
    void client.invalidateQueries({
      queryKey: recordKeys.all,
      predicate: (q) => q.queryKey.at(-1) === 'timeline',
    });
    // The switch has taken effect here; a failed save is made again by the next switch.
    void api.PATCH('/api/v1/me', { body: { locale: next } }).catch(() => undefined);
  };
  return (
    <Segmented<Locale>
      aria-label={t('language.switch')}
      size={size ?? 'small'}
      value={locale}
      options={LOCALES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
      onChange={(l) => void choose(l)}
    />
  );
}
