import { lazy, type ComponentType } from 'react';

/** A piece of the header (global search, inbox bell) a feature contributes. */
export type HeaderSlot = {
  key: string;
  Component: ComponentType<{ compact: boolean }>;
  /** Pushed to the right end of the header. */
  end?: boolean;
  /** Width the piece takes while its chunk loads, so the header does not jump. */
  placeholder: (compact: boolean) => number | string;
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
  {
    key: 'search',
    Component: GlobalSearch,
    placeholder: (compact) => (compact ? '100%' : 360),
  },
  { key: 'inbox', Component: InboxBell, end: true, placeholder: () => 32 },
];
