/**
 * Which group table answers which days of a range (docs/reports.md "Maintained groups"): the
 * whole UTC months inside it from report_cohort_months, the days before the first and after the
 * last whole month from report_cohorts. Days are days since 1970 (UTC), `to` excluded; an
 * absent bound is open.
 */
export type GroupSpan = {
  table: 'report_cohorts' | 'report_cohort_months';
  column: 'day' | 'month';
  from?: number;
  to?: number;
};

const DAY = 86_400_000;

/** The first day of the UTC month holding `day`. */
export function monthStart(day: number): number {
  const d = new Date(day * DAY);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY;
}

/** The first day of the UTC month after the one holding `day`. */
function nextMonthStart(day: number): number {
  const d = new Date(day * DAY);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY;
}

const days = (from?: number, to?: number): GroupSpan => ({
  table: 'report_cohorts',
  column: 'day',
  ...(from !== undefined ? { from } : {}),
  ...(to !== undefined ? { to } : {}),
});

/** The spans that together cover the days [from, to) exactly once. */
export function groupSpans(from?: number, to?: number): GroupSpan[] {
  if (from !== undefined && to !== undefined && from >= to) return [];
  // Months are keyed by their first day: [first, last) are the whole months inside the range.
  const first =
    from === undefined ? undefined : monthStart(from) === from ? from : nextMonthStart(from);
  const last = to === undefined ? undefined : monthStart(to);
  if (first !== undefined && last !== undefined && first >= last) return [days(from, to)];
  const spans: GroupSpan[] = [
    {
      table: 'report_cohort_months',
      column: 'month',
      ...(first !== undefined ? { from: first } : {}),
      ...(last !== undefined ? { to: last } : {}),
    },
  ];
  if (from !== undefined && from < first!) spans.push(days(from, first));
  if (to !== undefined && last! < to) spans.push(days(last, to));
  return spans;
}
