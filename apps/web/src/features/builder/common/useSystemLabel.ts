import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** The name of a system field (stage, owner, created at…) in the builder's language. */
export function useSystemLabel(): (key: string) => string {
  const { t } = useTranslation('builder');
  return useCallback((key: string) => t(`system.${key}`, { defaultValue: key }), [t]);
}
