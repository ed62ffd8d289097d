const SHORT = /^(-)?(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/;
const ISO =
  /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const DAY = 86_400_000;

/** A parsed duration: calendar part (years, months) plus a fixed part in ms, with a sign. */
export type DurationParts = { sign: 1 | -1; years: number; months: number; ms: number };

/**
 * Parses '30m', '48h', '7d', '2w' (also 's', 'ms', an optional leading '-') or ISO 8601
 * ('PT48H', 'P3Y', 'P1M2DT3H'). Returns null for anything else, including an empty 'P'/'PT'.
 */
export function parseDurationParts(input: unknown): DurationParts | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const s = input.trim();
  const short = SHORT.exec(s);
  if (short) {
    const ms = Number(short[2]) * (UNIT_MS[short[3] as string] as number);
    return { sign: short[1] ? -1 : 1, years: 0, months: 0, ms };
  }
  const iso = ISO.exec(s);
  if (!iso || s.endsWith('P') || s.endsWith('T')) return null;
  const n = (i: number) => (iso[i] === undefined ? 0 : Number(iso[i]));
  const ms =
    n(4) * 7 * DAY + n(5) * DAY + n(6) * 3_600_000 + n(7) * 60_000 + Math.round(n(8) * 1000);
  return { sign: iso[1] ? -1 : 1, years: n(2), months: n(3), ms };
}

/**
 * Duration in milliseconds, or null when `s` is not a duration. Years and months count as
 * 365 and 30 days here (a nominal length for SLAs and comparisons); use `addDuration` to
 * add them calendar-aware.
 */
export function parseDuration(s: string): number | null {
  const p = parseDurationParts(s);
  if (!p) return null;
  const ms = p.sign * (p.years * 365 * DAY + p.months * 30 * DAY + p.ms);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Adds a duration to an epoch-ms time. Years and months move the calendar date in UTC and
 * clamp to the month's last day (Jan 31 + P1M = Feb 28/29); the rest is added as fixed ms.
 * Returns null when the time or the duration is invalid.
 */
export function addDuration(epochMs: number, s: string): number | null {
  if (typeof epochMs !== 'number' || !Number.isFinite(epochMs)) return null;
  const p = parseDurationParts(s);
  if (!p) return null;
  let t = epochMs;
  const months = p.years * 12 + p.months;
  if (months !== 0) t = addMonths(t, p.sign * months);
  const out = t + p.sign * p.ms;
  return Number.isFinite(out) && Math.abs(out) <= 8.64e15 ? out : null;
}

function addMonths(epochMs: number, months: number): number {
  const d = new Date(epochMs);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const targetYear = y + Math.floor(m / 12);
  const targetMonth = ((m % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  const timeOfDay = epochMs - Date.UTC(y, d.getUTCMonth(), d.getUTCDate());
  return Date.UTC(targetYear, targetMonth, day) + timeOfDay;
}
