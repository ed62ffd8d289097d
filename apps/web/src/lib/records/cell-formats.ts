import { useEffect, useSyncExternalStore } from 'react';
import type { RegionNames } from '@trellis/spec';
import type * as CellLibsModule from './cell-libs';

/** The libraries, and the regions' English names once an English page asked for them. */
export type CellLibs = typeof CellLibsModule & { regionNames?: RegionNames };

/**
 * A phone number's and a region's cell text need libraries (phone metadata ~19 KB gzip, the
 * region list ~29 KB) that are not on a list's path to its first rows: in session 21 they were
 * a third of the list route's code, fetched and compiled before the first row. They load once,
 * beside the page's data (`useCellFormats`); until they are here a cell reads as
 * `phoneTextNow` / `regionTextNow` say, and the page draws its cells again when they arrive.
 */
let libs: CellLibs | undefined;
let loading: Promise<CellLibs> | undefined;
let names: RegionNames | undefined;
let namesLoading: Promise<RegionNames> | undefined;
const listeners = new Set<() => void>();

const arrived = () => {
  for (const listener of listeners) listener();
};

/**
 * Asks for the libraries (once; a failure asks again on the next call); resolves to them with
 * the English names if those are here by then.
 */
export function loadCellFormats(): Promise<CellLibs> {
  loading ??= import('./cell-libs').then(
    (loaded) => {
      libs = names ? { ...loaded, regionNames: names } : loaded;
      arrived();
      return libs;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading.then(() => libs!);
}

/**
 * Asks for the regions' English names (~24 KB gzip, only English pages load them; once, a
 * failure asks again on the next call). Until they are here an English page's region cells
 * read as `regionTextNow` says, not in Chinese.
 */
export function loadRegionNamesEn(): Promise<RegionNames> {
  return (namesLoading ??= import('@trellis/spec/region-names-en.json').then(
    (loaded) => {
      names = loaded.default;
      if (libs) libs = { ...libs, regionNames: names };
      arrived();
      return names;
    },
    (error: unknown) => {
      namesLoading = undefined;
      throw error;
    },
  ));
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/**
 * The libraries once they are here; asks for them on a page's first render (they come beside
 * its data; an English page's region names too) and renders the page again when they arrive.
 */
export function useCellFormats(english = false): CellLibs | undefined {
  const here = useSyncExternalStore(
    subscribe,
    () => libs,
    () => undefined,
  );
  useEffect(() => {
    if (!here) void loadCellFormats().catch(() => undefined);
  }, [here]);
  const named = here?.regionNames !== undefined;
  useEffect(() => {
    if (english && !named) void loadRegionNamesEn().catch(() => undefined);
  }, [english, named]);
  return here;
}

// A mainland mobile number (+86 1xx xxxx xxxx), by far the most common in a list: read as
// libphonenumber reads it in region CN ("138 0013 8000") before the library is here.
const CN_MOBILE = /^\+861(\d{2})(\d{4})(\d{4})$/;

/** A phone cell's text before the library is here: a CN mobile as read there, else as stored. */
export function phoneTextNow(value: string, region: string): string {
  const m = region === 'CN' ? CN_MOBILE.exec(value) : null;
  return m ? `1${m[1]} ${m[2]} ${m[3]}` : value;
}

/** A region cell's text before the list of names is here: nothing (a code reads as nonsense). */
export const regionTextNow = (): string => '';
