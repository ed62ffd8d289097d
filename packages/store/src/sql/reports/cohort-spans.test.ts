import { describe, expect, it } from 'vitest';
import { groupSpans, monthStart, type GroupSpan } from './cohort-spans';

const DAY = 86_400_000;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

/** How often the spans' signed sum counts each day of [lo, hi) (month spans expanded to their days). */
function covered(spans: GroupSpan[], lo: number, hi: number): Map<number, number> {
  const out = new Map<number, number>();
  for (let d = lo; d < hi; d++)
    for (const s of spans) {
      const key = s.column === 'month' ? monthStart(d) : d;
      if ((s.from === undefined || key >= s.from) && (s.to === undefined || key < s.to))
        out.set(d, (out.get(d) ?? 0) + s.sign);
    }
  for (const [d, n] of out) if (n === 0) out.delete(d);
  return out;
}

const once = (from: number, to: number) =>
  new Map(Array.from({ length: to - from }, (_, i) => [from + i, 1]));
const month = (from: string, to: string): GroupSpan => ({
  table: 'report_cohort_months',
  column: 'month',
  from: day(from),
  to: day(to),
  sign: 1,
});
const days = (from: string, to: string, sign: 1 | -1 = 1): GroupSpan => ({
  table: 'report_cohorts',
  column: 'day',
  from: day(from),
  to: day(to),
  sign,
});

describe('groupSpans', () => {
  it('reads whole months from the month groups and the days at the ends from the day groups', () => {
    expect(groupSpans(day('2026-01-01'), day('2026-04-01'))).toEqual([
      month('2026-01-01', '2026-04-01'),
    ]);
    expect(groupSpans(day('2025-12-31'), day('2026-04-02'))).toEqual([
      month('2026-01-01', '2026-04-01'),
      days('2025-12-31', '2026-01-01'),
      days('2026-04-01', '2026-04-02'),
    ]);
    // Inside one month, less than half of it: days only.
    expect(groupSpans(day('2026-02-03'), day('2026-02-10'))).toEqual([
      days('2026-02-03', '2026-02-10'),
    ]);
    expect(groupSpans(5, 5)).toEqual([]);
  });

  it('reads a month the range holds most of whole, less the days outside the range', () => {
    // Q1 in Asia/Shanghai: its whole UTC days are 1 January to 30 March.
    expect(groupSpans(day('2026-01-01'), day('2026-03-31'))).toEqual([
      month('2026-01-01', '2026-04-01'),
      days('2026-03-31', '2026-04-01', -1),
    ]);
    expect(groupSpans(day('2025-12-03'), day('2026-02-01'))).toEqual([
      month('2025-12-01', '2026-02-01'),
      days('2025-12-01', '2025-12-03', -1),
    ]);
    expect(groupSpans(day('2026-02-02'), day('2026-02-27'))).toEqual([
      month('2026-02-01', '2026-03-01'),
      days('2026-02-01', '2026-02-02', -1),
      days('2026-02-27', '2026-03-01', -1),
    ]);
  });

  it('covers every day of any range exactly once and nothing else (leap years, open ends)', () => {
    const lo = day('2023-11-20');
    const hi = day('2024-04-10');
    const all = (from?: number, to?: number) => covered(groupSpans(from, to), lo - 62, hi + 62);
    for (let from = lo; from < hi; from += 3)
      for (let to = from; to <= hi; to += 5) expect(all(from, to)).toEqual(once(from, to));
    expect(all(undefined, day('2024-02-29'))).toEqual(once(lo - 62, day('2024-02-29')));
    expect(all(day('2024-02-29'), undefined)).toEqual(once(day('2024-02-29'), hi + 62));
    expect(all()).toEqual(once(lo - 62, hi + 62));
  });
});
