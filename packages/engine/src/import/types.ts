/** One cell as read from a file: text from a CSV; typed values from a workbook. */
export type Cell = string | number | boolean | Date | null;

/** One row of a sheet, numbered as a spreadsheet program shows it (the first row is 1). */
export type SheetRow = { row: number; cells: Cell[] };

/** File formats an import reads. */
export type ImportFormat = 'csv' | 'xlsx';

/** How to read a file; everything is optional and detected when absent. */
export type ReadOptions = {
  /** Detected from the content when absent (a workbook is a zip whatever its name). */
  format?: ImportFormat;
  /** CSV text encoding (utf-8, gb18030, gbk, big5, utf-16le …); detected when absent. */
  encoding?: string;
  /** CSV field delimiter; detected from the first line when absent (comma, semicolon, tab). */
  delimiter?: string;
  /** Workbook sheet by name; the first sheet when absent. */
  sheet?: string;
};

/** What was detected about a file (shown in the wizard so the user may override it). */
export type FileFacts = {
  format: ImportFormat;
  /** CSV only. */
  encoding?: string;
  delimiter?: string;
  /** Workbook only: every sheet name, in workbook order. */
  sheets?: string[];
  sheet?: string;
};
