export { createReports } from './reports';
export type { ReportsApi } from './reports';
export { reportText } from './messages';
export { dayStart, dayOf, bucketEdges } from './period';
export type * from './types';
