import { afterEach, describe, expect, it } from 'vitest';
import { HOUR } from '../fixtures/harness';
import {
  asUser,
  label as l,
  managerRole,
  numberAndList,
  reportSpec,
  salesRole,
  setupWithRoles,
} from '../fixtures/report-roles';

const spec = reportSpec([salesRole, managerRole], {
  key: 'flow',
  label: l('流转', 'Flow'),
  widgets: [
    {
      key: 'entered',
      type: 'funnel',
      basis: 'period',
      title: l('进入', 'Entered'),
      entity: 'lead',
    },
    { key: 'dwell', type: 'dwellTime', title: l('停留', 'Dwell'), entity: 'lead' },
  ],
});
const amy = asUser('u-amy');
const bob = asUser('u-bob');
const boss = asUser('u-boss', 'manager');
/** Two whole UTC days: [2026-01-07, 2026-01-09). */
const PERIOD = { from: '2026-01-07', to: '2026-01-08', timeZone: 'UTC' };
const IN = Date.UTC(2026, 0, 7, 10);
const AFTER = Date.UTC(2026, 0, 10, 9);

let ctx: Awaited<ReturnType<typeof setupWithRoles>>;
afterEach(() => ctx?.store.close());

/**
 * A: created before the period and contacted then; in it back to new and to contacted twice
 *    (re-entries: one record per stage, two moves out of each).
 * B: created in the period and contacted in it; back to new after it.
 * C (bob): created before the period, contacted after it — in no step.
 * D (bob): created in the period, stays new.
 * E: created and contacted before the period, untouched in it.
 */
async function history(): Promise<void> {
  const made = async (name: string, who: typeof amy) => {
    const r = await ctx.engine.records.create('lead', { name }, who);
    if (!r.ok) throw new Error(r.error.message);
    return r.record.id;
  };
  const move = async (id: string, stage: string, who: typeof amy) => {
    const r = await ctx.engine.records.changeStage('lead', id, stage, who);
    if (!r.ok) throw new Error(r.error.message);
  };
  const [a, c, e] = [await made('A', amy), await made('C', bob), await made('E', amy)];
  ctx.clock.advance(HOUR);
  await move(a, 'contacted', amy);
  await move(e, 'contacted', amy);
  ctx.clock.set(IN);
  const [b, d] = [await made('B', amy), await made('D', bob)];
  await move(b, 'contacted', amy);
  for (const stage of ['new', 'contacted', 'new', 'contacted']) {
    ctx.clock.advance(2 * HOUR);
    await move(a, stage, amy);
  }
  expect(d).toBeTruthy();
  ctx.clock.set(AFTER);
  await move(c, 'contacted', bob);
  await move(b, 'new', amy);
}

/** Each number of a widget's rows, with the count of the list its filter opens for the reader. */
async function opened(key: string, column: string, who: typeof amy) {
  const r = await ctx.engine.reports.widget('flow', key, PERIOD, who);
  if (!r.ok) throw new Error(r.error.message);
  const out: Record<string, [number | null, number]> = {};
  for (const row of r.widget.rows.filter((x) => ['new', 'contacted'].includes(x.key))) {
    out[row.key] = await numberAndList(ctx.engine, row.values[column]!, who);
  }
  return out;
}

describe('a period funnel opens exactly the records that entered each stage in the period', () => {
  it('counts by hand for a manager and each rep, and each step lists as many', async () => {
    ctx = await setupWithRoles(spec);
    for (const u of ['u-amy', 'u-bob', 'u-boss']) await ctx.addUser(u);
    await history();
    // [widget number, records its list opens]
    expect(await opened('entered', 'records', boss)).toEqual({ new: [3, 3], contacted: [2, 2] });
    expect(await opened('entered', 'records', amy)).toEqual({ new: [2, 2], contacted: [2, 2] });
    expect(await opened('entered', 'records', bob)).toEqual({ new: [1, 1], contacted: [0, 0] });
    // Dwell counts moves out of a stage in the period; its list, the records that made them.
    expect(await opened('dwell', 'left', boss)).toEqual({ new: [3, 2], contacted: [2, 1] });
    expect(await opened('dwell', 'left', bob)).toEqual({ new: [0, 0], contacted: [0, 0] });
  });

  it('refuses a malformed stage test with the filter named, in both languages', async () => {
    ctx = await setupWithRoles(spec);
    for (const filter of [{ enteredStage: [7, 0, 1] }, { leftStage: ['new', 'yesterday'] }]) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const r = await ctx.engine.records.list('lead', { filter }, { ...boss, locale });
        expect(r.ok).toBe(false);
        if (r.ok) continue;
        expect(r.error.code).toBe('invalid_input');
        const [issue] = r.error.errors ?? [];
        expect(issue?.path).toBe(`/filter/${Object.keys(filter)[0]}`);
        expect(issue?.message).toMatch(locale === 'en' ? /^Wrong arguments/ : /参数不正确/);
      }
    }
    // A bound read from the record cannot be known before the query: refused, not guessed.
    const fieldBound = { enteredStage: ['new', { var: 'createdAt' }] };
    const r = await ctx.engine.records.list('lead', { filter: fieldBound }, boss);
    expect(!r.ok && r.error.errors?.[0]).toMatchObject({
      path: '/filter/enteredStage/1',
      code: 'logic.notInSqlSubset',
    });
  });
});
