import { localize } from '@trellis/spec';
import { and, movedIn } from '../logic';
import type { WidgetRunner } from '../types';
import { DAY_MS, must } from './common';
import { getPipeline } from '@trellis/spec';

/**
 * Time spent in each stage by the stage changes made in the period that left it: mean, median
 * and p90 in days. The count is of moves; its filter selects the records that left the stage in
 * the period (`leftStage`): a record that left it twice is one record for two moves.
 */
export const dwellTime: WidgetRunner = async (c) => {
  const stages = (getPipeline(c.spec, c.entity)?.stages ?? []).filter((s) => s.category === 'open');
  const s = await c.scopeOf(c.entity);
  const rows =
    s === 'none'
      ? []
      : must(
          await c.repo.dwell(c.entity, {
            ...(c.base !== null ? { filter: c.base } : {}),
            ...(s.scope !== undefined ? { scope: s.scope } : {}),
            context: s.context,
            at: {
              ...(c.range.from !== undefined ? { from: c.range.from } : {}),
              ...(c.range.to !== undefined ? { to: c.range.to } : {}),
            },
          }),
        );
  const days = (ms: number | undefined) => (ms === undefined ? null : ms / DAY_MS);
  return {
    columns: [
      { key: 'mean', label: c.text('mean'), unit: 'days' },
      { key: 'median', label: c.text('median'), unit: 'days' },
      { key: 'p90', label: c.text('p90'), unit: 'days' },
      { key: 'left', label: c.text('left'), unit: 'count' },
    ],
    rows: stages.map((st) => {
      const r = rows.find((x) => x.stage === st.key);
      const filter = and(c.base, movedIn('left', st.key, c.range));
      return {
        key: st.key,
        label: localize(st.label, c.locale),
        values: {
          mean: { value: days(r?.mean) },
          median: { value: days(r?.median) },
          p90: { value: days(r?.p90) },
          left: { value: r?.count ?? 0, filter },
        },
      };
    }),
  };
};
