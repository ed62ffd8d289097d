export { exportColumns, exportValue, csvCell, type ExportColumn } from './cells';
export { exportStream, type ExportFormat, type ExportSettings } from './write-export';
