import { useEffect, useSyncExternalStore } from 'react';
import type { Locale } from '@trellis/rules';
import type { RegionNames } from '@trellis/spec';

let names: RegionNames | undefined;
let loading: Promise<RegionNames> | undefined;
const listeners = new Set<() => void>();

function load(): Promise<RegionNames> {
  return (loading ??= import('@trellis/spec/region-names-en.json').then(
    (m) => {
      names = m.default;
      for (const listener of listeners) listener();
      return names;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  ));
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/**
 * The regions' English names when the form is in English (~24 KB gzip, loaded once, only then);
 * undefined in Chinese, or while they load (the options read in Chinese until they are here).
 */
export function useRegionNames(locale: Locale): RegionNames | undefined {
  const english = locale === 'en';
  const here = useSyncExternalStore(
    subscribe,
    () => names,
    () => undefined,
  );
  useEffect(() => {
    if (english && !here) void load().catch(() => undefined);
  }, [english, here]);
  return english ? here : undefined;
}

/** A division's name in the form's language: English when the names are here, else Chinese. */
export const regionLabel = (r: { code: string; name: string }, en: RegionNames | undefined) =>
  en?.[r.code] ?? r.name;
