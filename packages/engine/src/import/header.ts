import type { Cell, SheetRow } from './types';

/** A column of the file: its display name and the header texts it was built from (top first). */
export type Column = { index: number; name: string; parts: string[] };

/** Where the header is; detected when absent. */
export type HeaderOptions = {
  /** Row number (as the spreadsheet shows it) of the header; default the first row with two
   * or more names. */
  headerRow?: number;
  /** 2 when the header has a second row under merged cells; detected when absent. */
  headerRows?: 1 | 2;
};

export type Header = { columns: Column[]; headerRow: number; headerRows: 1 | 2 };

/** The text of a header cell ('' when blank). */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).replace(/\s+/g, ' ').trim();
}

/** Whether every cell of a row is blank. */
export function isBlankRow(cells: Cell[]): boolean {
  return cells.every((c) => cellText(c) === '');
}

// A merged header cell keeps its text in its first column only: a blank top cell whose column
// has a sub-header continues the merge on its left (when that column has a sub-header too).
function mergedTop(top: string[], sub: string[]): string[] {
  const out = [...top];
  for (let i = 1; i < out.length; i++)
    if (out[i] === '' && sub[i] !== '' && out[i - 1] !== '' && sub[i - 1] !== '')
      out[i] = out[i - 1]!;
  return out;
}

// A second header row looks like one when it is all text and fills columns the top row left
// blank after a filled one (the shape of merged cells).
function looksLikeSubHeader(top: Cell[], next: Cell[] | undefined): boolean {
  if (!next || isBlankRow(next)) return false;
  if (next.some((c) => c !== null && typeof c !== 'string')) return false;
  const width = Math.max(top.length, next.length);
  for (let i = 1; i < width; i++)
    if (cellText(top[i]) === '' && cellText(next[i]) !== '' && cellText(top[i - 1]) !== '')
      return true;
  return false;
}

const filled = (cells: Cell[]): number => cells.filter((c) => cellText(c) !== '').length;

// The first row with two or more names: a title merged across the top ("2026年3月线索登记表")
// has one.
function guessRow(rows: SheetRow[]): number {
  const at = rows.findIndex((r) => filled(r.cells) >= 2);
  return at >= 0 ? at : rows.findIndex((r) => !isBlankRow(r.cells));
}

/**
 * The columns of a sheet from its first rows (pass the rows up to a few past the header). Merged
 * header cells over a second header row become "Top / Sub" columns; columns without a name are
 * left out (nothing can be mapped to them).
 */
export function readHeader(rows: SheetRow[], opts: HeaderOptions = {}): Header | null {
  const at =
    opts.headerRow !== undefined ? rows.findIndex((r) => r.row === opts.headerRow) : guessRow(rows);
  const headerRow = rows[at];
  if (at < 0 || !headerRow || isBlankRow(headerRow.cells)) return null;
  const next = rows[at + 1];
  const headerRows = opts.headerRows ?? (looksLikeSubHeader(headerRow.cells, next?.cells) ? 2 : 1);
  const width = Math.max(headerRow.cells.length, headerRows === 2 ? (next?.cells.length ?? 0) : 0);
  const topRaw = Array.from({ length: width }, (_, i) => cellText(headerRow.cells[i]));
  const sub =
    headerRows === 2 ? Array.from({ length: width }, (_, i) => cellText(next?.cells[i])) : [];
  const top = headerRows === 2 ? mergedTop(topRaw, sub) : topRaw;
  const columns: Column[] = [];
  for (let i = 0; i < width; i++) {
    const parts = [top[i] ?? '', sub[i] ?? ''].filter((p) => p !== '');
    if (parts.length === 0) continue;
    columns.push({ index: i, name: parts.join(' / '), parts });
  }
  return { columns, headerRow: headerRow.row, headerRows };
}
