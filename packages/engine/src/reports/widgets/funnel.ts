import { localize } from '@trellis/spec';
import { and, entered, isIn, movedIn, or, within } from '../logic';
import type { ReportRow, WidgetRunner } from '../types';
import { must, ratio, stagesOf } from './common';

/**
 * Records per forward stage (open and won stages in pipeline order) and the conversion from the
 * first stage and from the stage before.
 * - cohort (default): records created in the period, each counted in every stage up to the
 *   furthest it reached (lost records where they were lost); the filter of a step selects
 *   records created in the period that are in or ever entered that stage or a later one.
 * - period: records that entered each stage during the period (distinct); the filter of a step
 *   selects exactly those (`enteredStage` with the period's bounds).
 */
export const funnel: WidgetRunner = async (c) => {
  const { forward } = stagesOf(c);
  const s = await c.scopeOf(c.entity);
  const counts = new Array<number>(forward.length).fill(0);
  const filters: unknown[] = [];
  if (c.widget.basis === 'period') {
    if (s !== 'none') {
      const rows = must(
        await c.repo.entries(c.entity, {
          ...(c.base !== null ? { filter: c.base } : {}),
          ...(s.scope !== undefined ? { scope: s.scope } : {}),
          context: s.context,
          at: {
            ...(c.range.from !== undefined ? { from: c.range.from } : {}),
            ...(c.range.to !== undefined ? { to: c.range.to } : {}),
          },
        }),
      );
      forward.forEach((st, k) => {
        counts[k] = rows.find((r) => r.stage === st.key)?.records ?? 0;
      });
    }
    forward.forEach((st) => filters.push(and(c.base, movedIn('entered', st.key, c.range)) ?? {}));
  } else {
    const cohort = and(c.base, within('createdAt', c.range, false));
    if (s !== 'none') {
      const ranks = Object.fromEntries(forward.map((st, k) => [st.key, k]));
      const rows = must(
        await c.repo.reach(c.entity, {
          ranks,
          ...(cohort !== null ? { filter: cohort } : {}),
          ...(s.scope !== undefined ? { scope: s.scope } : {}),
          context: s.context,
        }),
      );
      // Reached stage k = the furthest stage is k or later.
      for (const r of rows)
        for (let k = 0; k <= r.rank && k < counts.length; k++) counts[k]! += r.records;
    }
    forward.forEach((_, k) => {
      const later = forward.slice(k).map((st) => st.key);
      filters.push(and(cohort, or(isIn('stage', later), ...later.map(entered))) ?? {});
    });
  }
  const rows: ReportRow[] = forward.map((st, k) => ({
    key: st.key,
    label: localize(st.label, c.locale),
    values: {
      records: { value: counts[k]!, filter: filters[k] },
      conversion: { value: ratio(counts[k]!, counts[0]!) },
      fromPrevious: { value: k === 0 ? null : ratio(counts[k]!, counts[k - 1]!) },
    },
  }));
  return {
    columns: [
      {
        key: 'records',
        label: c.text(c.widget.basis === 'period' ? 'records' : 'reached'),
        unit: 'count',
      },
      { key: 'conversion', label: c.text('conversion'), unit: 'ratio' },
      { key: 'fromPrevious', label: c.text('fromPrevious'), unit: 'ratio' },
    ],
    rows,
  };
};
