import type { ComponentType } from 'react';
import { InboxBell } from '../features/inbox/header';
import { GlobalSearch } from '../features/search';

/** A piece of the header (global search, inbox bell) a feature contributes. */
export type HeaderSlot = {
  key: string;
  Component: ComponentType<{ compact: boolean }>;
  /** Pushed to the right end of the header. */
  end?: boolean;
};

/** The header's pieces, in order; a feature adds one line here. */
export const headerSlots: HeaderSlot[] = [
  { key: 'search', Component: GlobalSearch },
  { key: 'inbox', Component: InboxBell, end: true },
];
