import type { ComponentType } from 'react';

/** A piece of the header (global search, inbox bell) a feature contributes. */
export type HeaderSlot = { key: string; Component: ComponentType<{ compact: boolean }> };

/** The header's pieces, in order; a feature adds one line here. */
export const headerSlots: HeaderSlot[] = [];
