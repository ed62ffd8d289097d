import { afterEach, describe, expect, it } from 'vitest';
import { HOUR } from '../fixtures/harness';
import {
  asUser as as,
  label as l,
  numberAndList,
  reportSpec,
  salesRole,
  setupWithRoles,
} from '../fixtures/report-roles';

const spec = reportSpec([salesRole], {
  key: 'mine',
  label: l('我的', 'Mine'),
  widgets: [
    { key: 'count', type: 'metric', title: l('线索', 'Leads'), entity: 'lead' },
    { key: 'funnel', type: 'funnel', title: l('漏斗', 'Funnel'), entity: 'lead' },
    { key: 'board', type: 'leaderboard', title: l('排行', 'Board'), entity: 'lead' },
  ],
});
const boss = { actor: { kind: 'system' as const }, via: 'system' as const, locale: 'en' as const };
type Num = { value: number | null; filter?: unknown };

let ctx: Awaited<ReturnType<typeof setupWithRoles>>;
afterEach(() => ctx?.store.close());

/** Amy's numbers on her dashboard, each with the count of the list its filter opens for her. */
async function amysNumbers(): Promise<[number | null, number][]> {
  const amy = as('u-amy');
  const out: [number | null, number][] = [];
  const nums: Num[] = [];
  for (const key of ['count', 'funnel', 'board']) {
    const r = await ctx.engine.reports.widget('mine', key, {}, amy);
    if (!r.ok) throw new Error(r.error.message);
    const row = r.widget.rows[0];
    nums.push(row?.values.value ?? row?.values.records ?? row?.values.leads ?? { value: 0 });
  }
  // The leaderboard's rows are per owner: amy's own and (during the cooldown) bob's.
  const board = await ctx.engine.reports.widget('mine', 'board', {}, amy);
  if (!board.ok) throw new Error(board.error.message);
  nums.push(...board.widget.rows.map((r) => r.values.leads!));
  for (const n of nums) out.push(await numberAndList(ctx.engine, n, amy));
  return out;
}

describe('reports during a handover cooldown', () => {
  it('count the records the list opens: the handed-away lead while it is readable, not after', async () => {
    ctx = await setupWithRoles(spec);
    for (const u of ['u-amy', 'u-bob']) await ctx.addUser(u);
    for (const name of ['王小明', '李雷'])
      expect((await ctx.engine.records.create('lead', { name }, as('u-amy'))).ok).toBe(true);
    const made = await ctx.engine.records.create('lead', { name: '韩梅梅' }, as('u-amy'));
    if (!made.ok) throw new Error(made.error.message);
    const moved = await ctx.engine.records.update(
      'lead',
      made.record.id,
      { ownerId: 'u-bob' },
      { ...boss, ownership: { kind: 'handover', readUntil: ctx.clock.now() + 48 * HOUR } },
    );
    expect(moved.ok).toBe(true);

    const during = await amysNumbers();
    // count, funnel's first step, the board's first row; then the board per owner (amy 2, bob 1).
    expect(during).toEqual([
      [3, 3],
      [3, 3],
      [2, 2],
      [2, 2],
      [1, 1],
    ]);

    ctx.clock.advance(48 * HOUR);
    const after = await amysNumbers();
    expect(after).toEqual([
      [2, 2],
      [2, 2],
      [2, 2],
      [2, 2],
    ]);
  });
});
