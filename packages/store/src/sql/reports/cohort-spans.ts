/**
 * Which group table answers which days of a range (docs/reports.md "Maintained groups"): the
 * UTC months from report_cohort_months and single days from report_cohorts. Groups add up (a
 * month group is the sum of its days' groups), so a month the range holds most of is read whole
 * and the days of it outside the range taken off (`sign` -1): Q1 in Asia/Shanghai ends on
 * 31 March 16:00 UTC, and March read as its month group less 31 March is a seventh of the rows
 * of its 30 day groups. Days are days since 1970 (UTC), `to` excluded; an absent bound is open.
 */
export type GroupSpan = {
  table: 'report_cohorts' | 'report_cohort_months';
  column: 'day' | 'month';
  from?: number;
  to?: number;
  sign: 1 | -1;
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

const days = (from: number | undefined, to: number | undefined, sign: 1 | -1 = 1): GroupSpan => ({
  table: 'report_cohorts',
  column: 'day',
  ...(from !== undefined ? { from } : {}),
  ...(to !== undefined ? { to } : {}),
  sign,
});

/**
 * The spans whose signed sum covers the days [from, to) exactly once: months first (the month
 * groups, positive), then the day groups added or taken off. A partial month at either end is
 * read as its days when the range holds at most half of it, else as the month less the others.
 */
export function groupSpans(from?: number, to?: number): GroupSpan[] {
  if (from !== undefined && to !== undefined && from >= to) return [];
  // Months are keyed by their first day: [first, last) are the months read whole.
  let first =
    from === undefined ? undefined : monthStart(from) === from ? from : nextMonthStart(from);
  let last = to === undefined ? undefined : monthStart(to);
  const more: GroupSpan[] = [];
  if (first !== undefined && last !== undefined && first > last) {
    // Inside one month: its days, or the month less the days before and after the range.
    const start = last;
    const end = nextMonthStart(start);
    if (to! - from! <= end - start - (to! - from!)) return [days(from, to)];
    first = start;
    last = end;
    if (start < from!) more.push(days(start, from, -1));
    if (to! < end) more.push(days(to, end, -1));
  } else {
    if (from !== undefined && from < first!) {
      const start = monthStart(from);
      if (first! - from > from - start) {
        first = start;
        more.push(days(start, from, -1));
      } else more.push(days(from, first));
    }
    if (to !== undefined && last! < to) {
      const end = nextMonthStart(last!);
      if (to - last! > end - to) {
        more.push(days(to, end, -1));
        last = end;
      } else more.push(days(last, to));
    }
  }
  if (first !== undefined && last !== undefined && first >= last) return more;
  return [
    {
      table: 'report_cohort_months',
      column: 'month',
      ...(first !== undefined ? { from: first } : {}),
      ...(last !== undefined ? { to: last } : {}),
      sign: 1,
    },
    ...more,
  ];
}
