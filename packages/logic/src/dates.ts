const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A point in time as epoch ms: a finite number is taken as is; 'YYYY-MM-DD' means UTC midnight;
 * an ISO datetime without offset is read as UTC (never the server's zone, so results do not
 * depend on where the code runs). Anything else is null.
 */
export function toEpochMs(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const d = DATE.exec(value);
  if (d) {
    const [y, m, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
    const t = Date.UTC(y, m - 1, day);
    // Reject 2024-02-31 and friends instead of rolling over.
    const back = new Date(t);
    return back.getUTCMonth() === m - 1 && back.getUTCDate() === day ? t : null;
  }
  const dt = DATETIME.exec(value);
  if (!dt) return null;
  const iso = value.replace(' ', 'T') + (dt[1] ? '' : 'Z');
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}
