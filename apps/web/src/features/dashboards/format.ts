// Shared with the builder's widget preview: the formatting lives in lib/reports.
export { cellUnit, chartValue, formatNumber } from '../../lib/reports/format';
