/** Calendar periods `startOf` knows: weeks start on Monday (ISO 8601, as in China). */
export const PERIODS = ['day', 'week', 'month', 'year'] as const;
export type Period = (typeof PERIODS)[number];

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock parts of an instant in a time zone (Intl, so the platform's zone data). */
function wallClock(ms: number, timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(ms).map((p) => [p.type, p.value]));
  return {
    y: Number(parts.year),
    m: Number(parts.month),
    d: Number(parts.day),
    utcOfWall: Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
    ),
  };
}

/** Offset of the zone from UTC at an instant, in ms (east positive). */
function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallClock(whole, timeZone).utcOfWall - whole;
}

/** True when `timeZone` is an IANA zone name the platform knows. */
export function isTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Epoch ms of the first instant of the day / Monday week / month / year containing `ms`, on
 * the wall clock of `timeZone`. Daylight-saving zones are handled (the offset is read at the
 * period's start, not at `ms`).
 */
export function startOfPeriod(ms: number, period: Period, timeZone: string): number {
  const { y, m, d } = wallClock(ms, timeZone);
  let wall: number;
  if (period === 'year') wall = Date.UTC(y, 0, 1);
  else if (period === 'month') wall = Date.UTC(y, m - 1, 1);
  else {
    wall = Date.UTC(y, m - 1, d);
    if (period === 'week') wall -= ((new Date(wall).getUTCDay() + 6) % 7) * 86_400_000;
  }
  // Wall-clock midnight as an instant: subtract the offset in force then (twice, across a change).
  const guess = wall - offsetAt(wall - offsetAt(ms, timeZone), timeZone);
  return wall - offsetAt(guess, timeZone);
}
