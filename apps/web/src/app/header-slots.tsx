import { lazy, type ComponentType } from 'react';
import { BellPlaceholder, SearchPlaceholder } from './layout/HeaderPlaceholders';

/** A piece of the header (global search, inbox bell) a feature contributes. */
export type HeaderSlot = {
  key: string;
  Component: ComponentType<{ compact: boolean }>;
  /** Pushed to the right end of the header. */
  end?: boolean;
  /** Drawn while the piece's chunk loads: its size and look, so the header does not jump. */
  Placeholder: ComponentType<{ compact: boolean }>;
};

// Header pieces load after the shell: their inputs, popovers and queries are not in the
// initial JS, and the page under the header does not wait for them.
const GlobalSearch = lazy(() =>
  import('../features/search').then((m) => ({ default: m.GlobalSearch })),
);
const InboxBell = lazy(() =>
  import('../features/inbox/header').then((m) => ({ default: m.InboxBell })),
);

/** The header's pieces, in order; a feature adds one line here. */
export const headerSlots: HeaderSlot[] = [
  { key: 'search', Component: GlobalSearch, Placeholder: SearchPlaceholder },
  { key: 'inbox', Component: InboxBell, end: true, Placeholder: BellPlaceholder },
];
