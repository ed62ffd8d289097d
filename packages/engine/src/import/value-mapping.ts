import type { FieldSpec } from '@trellis/spec';
import type { Engine } from '../engine';
import { cellText, isBlankRow, readHeader, type HeaderOptions } from './header';
import { headerKey, type ColumnMapping } from './mapping';
import { openTable } from './open-table';
import type { ReadOptions, SheetRow } from './types';

type OptionField = Extract<FieldSpec, { type: 'select' | 'multiselect' }>;

/** One distinct text of a column, how many rows hold it, and the option it maps to (or null). */
export type FileValue = { text: string; rows: number; option: string | null };

/** The distinct values of one mapped select / multiselect column. */
export type ColumnValues = {
  column: number;
  field: string;
  values: FileValue[];
  /** More distinct values than listed (the rest are left to the write path's own matching). */
  more: boolean;
};

/** Distinct values listed per column: a select column with more is free text, not a choice. */
export const MAX_VALUES = 200;

// Words that mean the same in the sheets of the seed articles (是/否 columns, ticks, Y/N).
const SYNONYMS: string[][] = [
  ['是', '对', '有', '真', 'yes', 'y', 'true', '1', '√', '✓', '✔'],
  ['否', '不是', '错', '无', '没有', '假', 'no', 'n', 'false', '0', '×', '✗', '✘'],
];
const groupOf = new Map<string, number>();
for (const [i, words] of SYNONYMS.entries()) for (const w of words) groupOf.set(headerKey(w), i);

const isOptionField = (f: FieldSpec | undefined): f is OptionField =>
  f?.type === 'select' || f?.type === 'multiselect';

/** How a multiselect cell is split into its options (as the write path splits it). */
export const MULTI_SEPARATORS = /[,，;；、\n]/;

/**
 * The option a file's text most likely means: the option's stored value, else one of its labels
 * in any language (full-width, case and spaces aside), else a synonym of either (是 ↔ yes ↔ √).
 */
export function suggestOption(field: OptionField, text: string): string | null {
  const key = headerKey(text);
  if (key === '') return null;
  const names = (o: OptionField['options'][number]) => [
    o.value,
    ...Object.values(o.label).filter((l): l is string => typeof l === 'string'),
  ];
  const exact = field.options.find((o) => o.value === text);
  if (exact) return exact.value;
  const byName = field.options.find((o) => names(o).some((n) => headerKey(n) === key));
  if (byName) return byName.value;
  const group = groupOf.get(key);
  if (group === undefined) return null;
  const bySynonym = field.options.find((o) =>
    names(o).some((n) => groupOf.get(headerKey(n)) === group),
  );
  return bySynonym?.value ?? null;
}

/**
 * Reads the whole file (streamed) and lists, for each column mapped to a select or multiselect
 * field, its distinct values (a multiselect cell by its parts) with the number of rows and the
 * suggested option — what the wizard's value-mapping step shows and the person corrects.
 */
export async function fileValues(
  engine: Engine,
  entity: string,
  path: string,
  opts: ReadOptions & HeaderOptions & { mapping: ColumnMapping },
): Promise<ColumnValues[] | null> {
  const model = (await engine.spec()).entity(entity);
  if (!model) return null;
  const targets: { column: number; field: OptionField }[] = [];
  for (const [column, key] of Object.entries(opts.mapping)) {
    const field = model.entity.fields.find((f) => f.key === key);
    if (isOptionField(field)) targets.push({ column: Number(column), field });
  }
  if (targets.length === 0) return [];
  const table = await openTable(path, opts);
  const head: SheetRow[] = [];
  for await (const r of table.rows()) {
    head.push(r);
    if (head.length >= 30) break;
  }
  const header = readHeader(head, opts);
  if (!header) return [];
  const start = header.headerRow + header.headerRows;
  const counts = targets.map(() => new Map<string, number>());
  const more = targets.map(() => false);
  for await (const r of table.rows()) {
    if (r.row < start || isBlankRow(r.cells)) continue;
    for (const [i, t] of targets.entries()) {
      const text = cellText(r.cells[t.column]);
      if (text === '') continue;
      const parts =
        t.field.type === 'multiselect'
          ? [...new Set(text.split(MULTI_SEPARATORS).map((p) => p.trim()))].filter(Boolean)
          : [text];
      const seen = counts[i]!;
      for (const p of parts) {
        const n = seen.get(p);
        if (n !== undefined) seen.set(p, n + 1);
        else if (seen.size < MAX_VALUES) seen.set(p, 1);
        else more[i] = true;
      }
    }
  }
  return targets.map((t, i) => ({
    column: t.column,
    field: t.field.key,
    values: [...counts[i]!]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([text, rows]) => ({ text, rows, option: suggestOption(t.field, text) })),
    more: more[i]!,
  }));
}
