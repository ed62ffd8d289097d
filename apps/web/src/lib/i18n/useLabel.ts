import { useCallback } from 'react';
import { labelOf, type SpecLabel } from './label';
import { useLocale } from './useLocale';

/** Resolves spec labels in the active language. */
export function useLabel(): (label: SpecLabel, fallback?: string) => string {
  const locale = useLocale();
  return useCallback((label, fallback) => labelOf(label, locale, fallback), [locale]);
}
