import { useEffect, useState } from 'react';
import type { RegionNames } from '@trellis/spec';

let loaded: RegionNames | undefined;
let loading: Promise<RegionNames> | undefined;

/**
 * The regions' English names (~24 KB gzip), loaded on first use: an English page shows them, and
 * a search in either language matches their pinyin. Undefined while they load.
 */
export function useRegionNamesEn(): RegionNames | undefined {
  const [names, setNames] = useState(loaded);
  useEffect(() => {
    if (names) return;
    let live = true;
    loading ??= import('@trellis/spec/region-names-en.json').then((m) => (loaded = m.default));
    loading.then(
      (n) => live && setNames(n),
      () => (loading = undefined),
    );
    return () => {
      live = false;
    };
  }, [names]);
  return names;
}
