import { ImportFileError } from './messages';
import type { Cell, SheetRow } from './types';
import { openWorkbookZip, partPath, type WorkbookZip } from './xlsx-zip';

type ExcelRow = { number: number; values: unknown[] | Record<number, unknown> };
type SheetReader = AsyncIterable<ExcelRow> & { name?: string; id?: number };
type Rel = { Id: string; Target: string; Type: string };

// ExcelJS's streaming WorkbookReader, through the part parsers it runs on each zip entry: the
// order of the parts is ours to choose (see xlsx-zip.ts). Not in its type declarations.
type PartReader = {
  _parseRels(text: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(text: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(text: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseStyles(text: NodeJS.ReadableStream): Promise<void>;
  _parseWorksheet(
    text: NodeJS.ReadableStream,
    sheetNo: string,
  ): Generator<{ eventType: string; value: SheetReader }>;
  workbookRels?: Rel[];
  model?: { sheets?: { name: string; rId: string }[] };
};

/** A workbook whose parts (sheet names, shared strings, styles, date system) are read. */
type Workbook = { sheets: { name: string; part: string }[]; reader: PartReader; zip: WorkbookZip };

// ExcelJS is large: loaded on the first workbook, not with the engine.
async function openWorkbook(path: string, withCells: boolean): Promise<Workbook> {
  const { default: ExcelJS } = await import('exceljs');
  const zip = await openWorkbookZip(path);
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache', // number formats tell dates from numbers
      hyperlinks: 'ignore',
      entries: 'ignore',
    }) as unknown as PartReader;
    const relsPart = 'xl/_rels/workbook.xml.rels';
    if (!zip.has('xl/workbook.xml') || !zip.has(relsPart)) throw new Error('no workbook part');
    await reader._parseRels(zip.text(relsPart));
    await reader._parseWorkbook(zip.text('xl/workbook.xml'));
    const rels = reader.workbookRels ?? [];
    const target = (type: string): string | undefined => {
      // Transitional and strict OOXML name the relationship types under different roots.
      const rel = rels.find((r) => r.Type.endsWith(`/${type}`));
      return rel && partPath(rel.Target);
    };
    const sheets = (reader.model?.sheets ?? []).flatMap((s) => {
      const rel = rels.find((r) => r.Id === s.rId);
      // Chart sheets have no rows.
      return rel?.Type.endsWith('/worksheet') ? [{ name: s.name, part: partPath(rel.Target) }] : [];
    });
    if (withCells) {
      const strings = target('sharedStrings');
      if (strings && zip.has(strings))
        for await (const _ of reader._parseSharedStrings(zip.text(strings)));
      const styles = target('styles');
      if (styles && zip.has(styles)) await reader._parseStyles(zip.text(styles));
    }
    return { sheets, reader, zip };
  } catch (e) {
    zip.close();
    throw e;
  }
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

/** The names of a workbook's sheets in tab order (reads the workbook part only, not the sheets). */
export async function listSheets(path: string): Promise<string[]> {
  try {
    const { sheets, zip } = await openWorkbook(path, false);
    zip.close();
    return sheets.map((s) => s.name);
  } catch (e) {
    throw badXlsx(e);
  }
}

/**
 * Streams the rows of one sheet (by name; the first when absent) with ExcelJS's sheet reader:
 * memory bounded by the shared strings, not the rows. Dates arrive as `Date` (Excel's wall time
 * as UTC), in the workbook's date system (1900 or 1904).
 */
export async function* readXlsx(path: string, sheet?: string): AsyncGenerator<SheetRow> {
  let book: Workbook;
  try {
    book = await openWorkbook(path, true);
  } catch (e) {
    throw badXlsx(e);
  }
  try {
    const found = book.sheets.find((s) => sheet === undefined || s.name === sheet);
    if (!found) throw new ImportFileError('import.sheet', 'noSheet', { sheet: sheet ?? '' });
    if (!book.zip.has(found.part)) throw badXlsx(`the sheet ${found.name} has no part`);
    const [event] = book.reader._parseWorksheet(book.zip.text(found.part), found.name);
    if (!event) throw badXlsx(`the sheet ${found.name} cannot be read`);
    try {
      for await (const row of event.value) yield { row: row.number, cells: rowCells(row.values) };
    } catch (e) {
      throw badXlsx(e);
    }
  } finally {
    book.zip.close();
  }
}
