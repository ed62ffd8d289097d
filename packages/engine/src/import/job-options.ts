import type { Actor, Locale } from '../ports';
import type { ValueMapping } from './cell-input';
import type { HeaderOptions } from './header';
import type { ColumnMapping } from './mapping';
import type { ReadOptions } from './types';

/**
 * What an import does with a row whose identity keys (the entity's `identity`, e.g. the phone)
 * match a record already there or an earlier row of the file: 'skip' it, 'update' the record
 * with the row's non-blank cells, or 'create' only (a match is an error on that row).
 */
export type DedupeMode = 'skip' | 'update' | 'create';

/** How to read, map and write one import file; kept with the job (a resume reads them again). */
export type ImportOptions = ReadOptions &
  HeaderOptions & {
    mapping: ColumnMapping;
    values?: ValueMapping;
    dedupe: DedupeMode;
    /** Run the spec's automations on the imported records (throttled); default false. */
    automations?: boolean;
    /** Time zone of dates and times written without one; default Asia/Shanghai. */
    timeZone?: string;
    /** Language of the row report. */
    locale: Locale;
    /** Who imports: every row is written as them (permissions, ownership, history). */
    actor: Actor;
  };
