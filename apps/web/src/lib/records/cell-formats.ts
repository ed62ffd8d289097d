import { useEffect, useSyncExternalStore } from 'react';
import type * as CellLibsModule from './cell-libs';

export type CellLibs = typeof CellLibsModule;

/**
 * A phone number's and a region's cell text need libraries (phone metadata ~19 KB gzip, the
 * region list ~29 KB) that are not on a list's path to its first rows: in session 21 they were
 * a third of the list route's code, fetched and compiled before the first row. They load once,
 * beside the page's data (`useCellFormats`); until they are here a cell reads as
 * `phoneTextNow` / `regionTextNow` say, and the page draws its cells again when they arrive.
 */
let libs: CellLibs | undefined;
let loading: Promise<CellLibs> | undefined;
const listeners = new Set<() => void>();

/** Asks for the libraries (once; a failure asks again on the next call). */
export function loadCellFormats(): Promise<CellLibs> {
  return (loading ??= import('./cell-libs').then(
    (loaded) => {
      libs = loaded;
      for (const listener of listeners) listener();
      return loaded;
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
 * The libraries once they are here; asks for them on a page's first render (they come beside
 * its data) and renders the page again when they arrive.
 */
export function useCellFormats(): CellLibs | undefined {
  const here = useSyncExternalStore(
    subscribe,
    () => libs,
    () => undefined,
  );
  useEffect(() => {
    if (!here) void loadCellFormats().catch(() => undefined);
  }, [here]);
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
