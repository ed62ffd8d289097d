import { useMemo } from 'react';
import { Cascader } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../lib/i18n/useLocale';
import { placeMatches, placeOptions, placePath } from './region-places';
import { useRegionNamesEn } from './useRegionNamesEn';

/**
 * The place of a region filter: a province, a city or a district (any column may be chosen),
 * from the same GB/T 2260 data as the form's region widget; type a Chinese name or its pinyin.
 */
export function RegionFilterInput({
  level,
  value,
  onChange,
}: {
  level: string | undefined;
  value: unknown;
  onChange: (code: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const en = useLocale() === 'en';
  const names = useRegionNamesEn();
  const options = useMemo(
    () => placeOptions(level, en ? names : undefined, names),
    [level, en, names],
  );
  return (
    <Cascader
      aria-label={t('filter.value')}
      placeholder={t('filter.place')}
      changeOnSelect
      showSearch={{ filter: placeMatches, limit: 50 }}
      options={options}
      value={placePath(value)}
      onChange={(codes) => {
        const list = (codes ?? []) as string[];
        onChange(list.length > 0 ? list[list.length - 1] : undefined);
      }}
      notFoundContent={t('filter.placeSearch')}
      classNames={{ popup: { root: 'trellis-place-popup' } }}
      style={{ minWidth: 220 }}
    />
  );
}
