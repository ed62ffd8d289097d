export { sniffFile, knownEncoding, type Sniffed } from './encoding';
export { detectDelimiter, readCsv } from './csv-reader';
export { listSheets, readXlsx, plainCell } from './xlsx-reader';
export { openTable, type Table } from './open-table';
export {
  readHeader,
  cellText,
  isBlankRow,
  type Column,
  type Header,
  type HeaderOptions,
} from './header';
export { suggestMapping, importableFields, headerKey, type ColumnMapping } from './mapping';
export { cellInput, rowInput, wallTimeToInstant, type ValueMapping } from './cell-input';
export {
  fileValues,
  suggestOption,
  MAX_VALUES,
  type ColumnValues,
  type FileValue,
} from './value-mapping';
export { ImportFileError, importMessage, type ImportMessageKey } from './messages';
export type { Cell, SheetRow, ImportFormat, ReadOptions, FileFacts } from './types';
export type { DedupeMode, ImportOptions } from './job-options';
export { runImportJob, cancelImportJob, resumeImportJobs, type RunOptions } from './run-job';
export { serveImportThread, type ImportThreadData } from './import-thread';
export {
  previewImport,
  checkImportOptions,
  createImportJob,
  type ImportPreview,
} from './start-job';
