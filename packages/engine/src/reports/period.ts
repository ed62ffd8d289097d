import { startOfPeriod } from '@trellis/logic';
import type { Range } from './types';

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HOUR = 3_600_000;

/** Whether `day` is a real calendar day written 'YYYY-MM-DD'. */
export function isDay(day: string): boolean {
  const m = DAY_RE.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.toISOString().slice(0, 10) === day;
}

/** The wall-clock day of an instant in `timeZone`, 'YYYY-MM-DD'. */
export function dayOf(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(ms);
}

/** The first instant of `day` on the wall clock of `timeZone` (daylight saving included). */
function dayStart(day: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const noon = Date.UTC(y, m - 1, d, 12);
  // Noon UTC lies on `day` in every zone from UTC-11 to UTC+11; step a few hours otherwise.
  for (const shift of [0, -12, 12, -6, 6]) {
    const t = noon + shift * HOUR;
    if (dayOf(t, timeZone) === day) return startOfPeriod(t, 'day', timeZone);
  }
  return startOfPeriod(noon, 'day', timeZone);
}

/** The day after `day` (calendar arithmetic, no time zone involved). */
export function nextDay(day: string, n = 1): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Days from `a` to `b` (b - a). */
export function daysBetween(a: string, b: string): number {
  const t = (s: string) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((t(b) - t(a)) / 86_400_000);
}

/** The instants of the days [fromDay, toDay] (both inclusive; either may be open). */
export function rangeOf(fromDay: string | null, toDay: string | null, timeZone: string): Range {
  return {
    ...(fromDay ? { from: dayStart(fromDay, timeZone) } : {}),
    ...(toDay ? { to: dayStart(nextDay(toDay), timeZone) } : {}),
    fromDay,
    toDay,
  };
}

/** The same number of days just before a bounded range (for "change against the previous period"). */
export function previousRange(r: Range, timeZone: string): Range | null {
  if (!r.fromDay || !r.toDay) return null;
  const len = daysBetween(r.fromDay, r.toDay) + 1;
  return rangeOf(nextDay(r.fromDay, -len), nextDay(r.fromDay, -1), timeZone);
}

/** A widget's default window ("30d", "12w", "6m", "1y") ending today. */
export function windowRange(period: string, now: number, timeZone: string): Range {
  const m = /^(\d+)([dwmy])$/.exec(period);
  const today = dayOf(now, timeZone);
  if (!m) return rangeOf(null, null, timeZone);
  const n = Number(m[1]);
  const unit = m[2];
  let from: string;
  if (unit === 'd') from = nextDay(today, 1 - n);
  else if (unit === 'w') from = nextDay(today, 1 - 7 * n);
  else {
    const [y, mo, d] = today.split('-').map(Number) as [number, number, number];
    const months = unit === 'm' ? n : 12 * n;
    from = nextDay(new Date(Date.UTC(y, mo - 1 - months, d)).toISOString().slice(0, 10), 1);
  }
  return rangeOf(from, today, timeZone);
}

export type Interval = 'day' | 'week' | 'month';

/**
 * Bucket starts covering [from, to) on the wall clock of `timeZone`: days, Monday weeks or
 * months; the last edge is the end. At most `max` buckets (the newest kept).
 */
export function bucketEdges(
  from: number,
  to: number,
  interval: Interval,
  timeZone: string,
  max = 400,
): number[] {
  const step =
    interval === 'day' ? 36 * HOUR : interval === 'week' ? 8 * 24 * HOUR : 32 * 24 * HOUR;
  const edges: number[] = [];
  let t = startOfPeriod(from, interval, timeZone);
  while (t < to) {
    edges.push(t);
    t = startOfPeriod(t + step, interval, timeZone);
  }
  edges.push(t);
  return edges.length > max + 1 ? edges.slice(edges.length - max - 1) : edges;
}
