export { createReports } from './reports';
export type { ReportsApi } from './reports';
export type * from './types';
