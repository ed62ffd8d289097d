import { describe, expect, it } from 'vitest';
import { groupSpans, monthStart, type GroupSpan } from './cohort-spans';

const DAY = 86_400_000;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

/** Every day the spans cover in [lo, hi), month spans expanded to their days. */
function covered(spans: GroupSpan[], lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let d = lo; d < hi; d++)
    for (const s of spans) {
      const key = s.column === 'month' ? monthStart(d) : d;
      if ((s.from === undefined || key >= s.from) && (s.to === undefined || key < s.to))
        out.push(d);
    }
  return out;
}

describe('groupSpans', () => {
  it('reads whole months from the month groups and the days at the ends from the day groups', () => {
    expect(groupSpans(day('2026-01-01'), day('2026-04-01'))).toEqual([
      {
        table: 'report_cohort_months',
        column: 'month',
        from: day('2026-01-01'),
        to: day('2026-04-01'),
      },
    ]);
    expect(groupSpans(day('2025-12-31'), day('2026-04-02'))).toEqual([
      {
        table: 'report_cohort_months',
        column: 'month',
        from: day('2026-01-01'),
        to: day('2026-04-01'),
      },
      { table: 'report_cohorts', column: 'day', from: day('2025-12-31'), to: day('2026-01-01') },
      { table: 'report_cohorts', column: 'day', from: day('2026-04-01'), to: day('2026-04-02') },
    ]);
    // Inside one month: days only.
    expect(groupSpans(day('2026-02-03'), day('2026-02-20'))).toEqual([
      { table: 'report_cohorts', column: 'day', from: day('2026-02-03'), to: day('2026-02-20') },
    ]);
    expect(groupSpans(5, 5)).toEqual([]);
  });

  it('covers every day of any range exactly once (leap years, open ends)', () => {
    const lo = day('2023-11-20');
    const hi = day('2024-04-10');
    for (let from = lo; from < hi; from += 3)
      for (let to = from; to <= hi; to += 7) {
        const want = Array.from({ length: to - from }, (_, i) => from + i);
        expect(covered(groupSpans(from, to), lo, hi)).toEqual(want);
      }
    expect(covered(groupSpans(undefined, day('2024-02-29')), lo, hi)).toHaveLength(
      day('2024-02-29') - lo,
    );
    expect(covered(groupSpans(day('2024-02-29'), undefined), lo, hi)).toHaveLength(
      hi - day('2024-02-29'),
    );
    expect(covered(groupSpans(), lo, hi)).toHaveLength(hi - lo);
  });
});
