import { isBlankRow, type Header } from './header';
import type { Table } from './open-table';
import { prepareRows, type PreparedRows, type RowWriter } from './row-writer';
import type { SheetRow } from './types';

/** Rows of a batch with their record input, normalized and validated: ready to be written. */
export type PreparedBatch = { rows: SheetRow[]; ready: PreparedRows };

/** The data rows of a file after the header, from the row after `after` on; blank rows left out. */
export async function* dataRows(
  table: Table,
  header: Header,
  after: number,
): AsyncGenerator<SheetRow> {
  const start = header.headerRow + header.headerRows;
  for await (const r of table.rows())
    if (r.row >= start && r.row > after && !isBlankRow(r.cells)) yield r;
}

/**
 * The rows in batches of `size`, each prepared (`prepareRows`) when it is asked for: the
 * caller asks for the next one while it writes the one before (the import thread, or the job
 * itself when it runs without one).
 */
export async function* preparedBatches(
  writer: RowWriter,
  rows: AsyncIterable<SheetRow>,
  size: number,
): AsyncGenerator<PreparedBatch> {
  let batch: SheetRow[] = [];
  for await (const r of rows) {
    batch.push(r);
    if (batch.length < size) continue;
    yield { rows: batch, ready: await prepareRows(writer, batch) };
    batch = [];
  }
  if (batch.length > 0) yield { rows: batch, ready: await prepareRows(writer, batch) };
}
