import { ImportFileError } from './messages';
import type { Cell, SheetRow } from './types';

type Reader = AsyncIterable<{ name: string } & AsyncIterable<ExcelRow>>;
type ExcelRow = { number: number; values: unknown[] | Record<number, unknown> };

// ExcelJS is large: loaded on the first workbook, not with the engine.
async function openReader(path: string): Promise<Reader> {
  const { default: ExcelJS } = await import('exceljs');
  return new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // number formats tell dates from numbers
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as Reader;
}

/** A workbook cell value as a plain cell: rich text, hyperlinks and formulas become their text or result. */
export function plainCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value instanceof Date
  )
    return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText))
      return (v.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('result' in v) return plainCell(v.result);
    if ('formula' in v || 'sharedFormula' in v) return null;
    if (typeof v.text === 'string') return v.text;
    if ('error' in v) return null;
  }
  return String(value);
}

function rowCells(values: ExcelRow['values']): Cell[] {
  // ExcelJS rows are 1-based sparse arrays.
  const arr = Array.isArray(values) ? values : Object.assign([], values);
  const out: Cell[] = [];
  for (let i = 1; i < arr.length; i++) out.push(plainCell(arr[i]));
  return out;
}

function badXlsx(e: unknown): ImportFileError {
  if (e instanceof ImportFileError) return e;
  return new ImportFileError('import.xlsx', 'badXlsx', {
    reason: e instanceof Error ? e.message : String(e),
  });
}

/**
 * The sheet names of a workbook, in order (streams through the file once; the rows are skipped
 * unread where the format allows).
 */
export async function listSheets(path: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const sheet of await openReader(path)) {
      names.push(sheet.name);
      for await (const _row of sheet) break;
    }
  } catch (e) {
    throw badXlsx(e);
  }
  return names;
}

/**
 * Streams the rows of one sheet (by name; the first when absent) with the ExcelJS streaming
 * reader: memory bounded by the shared strings, not the rows. Dates arrive as `Date` (Excel's
 * wall time as UTC).
 */
export async function* readXlsx(path: string, sheet?: string): AsyncGenerator<SheetRow> {
  let found = false;
  try {
    for await (const ws of await openReader(path)) {
      if (found || (sheet !== undefined && ws.name !== sheet)) {
        for await (const _row of ws) break;
        continue;
      }
      found = true;
      for await (const row of ws) yield { row: row.number, cells: rowCells(row.values) };
    }
  } catch (e) {
    throw badXlsx(e);
  }
  if (!found) throw new ImportFileError('import.sheet', 'noSheet', { sheet: sheet ?? '' });
}
