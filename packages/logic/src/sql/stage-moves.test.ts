import { describe, expect, it } from 'vitest';
import { check, compileToSql, evaluate, rawSql, sqlFragment } from '../index';
import type { StageMoveTest } from '../index';

const columns = { stage: { column: '"stage"', type: 'text' as const } };
const asked: StageMoveTest[] = [];
const stageMoves = (t: StageMoveTest) => {
  asked.push(t);
  return sqlFragment`EXISTS (SELECT 1 FROM moves WHERE ${rawSql(t.side === 'entered' ? 'to_s' : 'from_s')} = ${t.stage})`;
};
const NOW = Date.UTC(2026, 0, 10, 5);

describe('enteredStage / leftStage', () => {
  it("evaluate reads the record's stageMoves: the stage entered (left) at a time in [from, to)", () => {
    const record = {
      stageMoves: [
        { from: null, to: 'new', at: 100 },
        { from: 'new', to: 'trial', at: 200 },
      ],
    };
    expect(evaluate({ enteredStage: ['trial', 200, 201] }, record)).toBe(true);
    expect(evaluate({ enteredStage: ['trial', 100, 200] }, record)).toBe(false); // to is excluded
    expect(evaluate({ enteredStage: ['trial'] }, record)).toBe(true); // open bounds
    expect(evaluate({ leftStage: ['new', null, 201] }, record)).toBe(true);
    expect(evaluate({ leftStage: ['trial'] }, record)).toBe(false);
    expect(evaluate({ enteredStage: ['trial'] }, { stage: 'trial' })).toBe(false); // no moves given
  });

  it('compiles through the caller’s stageMoves with the bounds worked out, or is refused', () => {
    asked.length = 0;
    const expr = { enteredStage: ['trial', { startOf: ['day'] }, null] };
    const r = compileToSql(expr, { columns, stageMoves, ctx: { now: NOW } });
    expect(r).toEqual({
      ok: true,
      sql: 'EXISTS (SELECT 1 FROM moves WHERE to_s = ?)',
      params: ['trial'],
    });
    expect(asked).toEqual([
      { side: 'entered', stage: 'trial', from: Date.UTC(2026, 0, 10), to: null },
    ]);
    // Without the caller's SQL (a plain table) they are outside the subset.
    const plain = compileToSql(expr, { columns, locale: 'en' });
    expect(!plain.ok && plain.errors[0]?.code).toBe('logic.notInSqlSubset');
    // A bound read from the row cannot be known when compiling.
    const dynamic = compileToSql(
      { leftStage: ['new', { var: 'stage' }] },
      { columns, stageMoves, locale: 'en' },
    );
    expect(!dynamic.ok && dynamic.errors[0]).toMatchObject({
      code: 'logic.notInSqlSubset',
      path: '/leftStage/1',
    });
  });

  it('check refuses a stage that is not a key and bounds that are not times, in both languages', () => {
    for (const expr of [
      { enteredStage: [] },
      { enteredStage: [7] },
      { enteredStage: [''] },
      { leftStage: ['new', 'yesterday'] },
      { leftStage: ['new', 1, 2, 3] },
    ]) {
      const en = check(expr, { fields: [], locale: 'en' });
      expect(
        en.map((i) => i.code),
        JSON.stringify(expr),
      ).toEqual(['logic.badArguments']);
      expect(en[0]?.message).toMatch(/\[stage, from\?, to\?\]/);
      expect(check(expr, { fields: [], locale: 'zh-CN' })[0]?.message).toMatch(/\[阶段, 起始时间/);
    }
    expect(check({ enteredStage: ['new', null, { now: [] }] }, { fields: [] })).toEqual([]);
  });
});
