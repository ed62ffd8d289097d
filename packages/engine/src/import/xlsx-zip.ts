import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { posix } from 'node:path';
import type { Readable } from 'node:stream';

/** A workbook's zip, opened through its central directory: any part can be read, in any order. */
export type WorkbookZip = {
  /** Whether the zip holds a part at this path (`xl/workbook.xml`). */
  has(part: string): boolean;
  /** The part's text as a stream of strings (UTF-8 decoded across chunk boundaries). */
  text(part: string): Readable;
  /** Closes every file handle the zip opened, read to the end or not. */
  close(): void;
};

/**
 * Opens a workbook's zip by its central directory (unzipper, the zip reader ExcelJS itself
 * uses). ExcelJS's streaming reader reads the entries in stored order in one pass, and ExcelJS
 * stores `xl/workbook.xml` last: sheets read before it have no names and throw (exceljs#3064);
 * through the directory the workbook part is read first wherever it is stored.
 */
export async function openWorkbookZip(path: string): Promise<WorkbookZip> {
  // The default export: a bundle (the CLI's build) gives a CommonJS module no named exports.
  const { default: unzipper } = await import('unzipper');
  // Every range the directory reads opens a file stream; a part left half read (a preview reads
  // a few rows) would keep its handle, so each is kept to be closed with the zip.
  const opened = new Set<ReadStream>();
  const dir = await unzipper.Open.custom({
    size: async () => (await stat(path)).size,
    stream: (offset, length) => {
      const s = createReadStream(path, {
        start: offset,
        end: length ? offset + length - 1 : undefined,
      });
      opened.add(s);
      s.once('close', () => opened.delete(s));
      return s;
    },
  });
  const parts = new Map(dir.files.filter((f) => f.type === 'File').map((f) => [f.path, f]));
  return {
    has: (part) => parts.has(part),
    text: (part) => {
      const file = parts.get(part);
      if (!file) throw new Error(`the workbook has no part ${part}`);
      // ExcelJS decodes each chunk alone, which garbles a Chinese character split between two
      // chunks; a string stream decodes across them.
      return file.stream().setEncoding('utf8');
    },
    close: () => {
      for (const s of opened) s.destroy();
      opened.clear();
    },
  };
}

/** A relationship's target as a zip path: relative to `xl/`, or absolute from the zip's root. */
export function partPath(target: string): string {
  return target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join('xl', target));
}
