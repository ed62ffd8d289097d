export { exportColumns, exportValue, csvCell, type ExportColumn, type ExportNames } from './cells';
export { exportStream, type ExportFormat, type ExportSettings } from './write-export';
