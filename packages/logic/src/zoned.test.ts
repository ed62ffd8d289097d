import { describe, expect, it } from 'vitest';
import { check, compileToSql, evaluate } from './index';
import { isTimeZone, startOfPeriod } from './zoned';

// Wednesday 2026-03-04 01:30 in Shanghai = Tuesday 2026-03-03 17:30 UTC.
const WED_SHANGHAI = Date.UTC(2026, 2, 3, 17, 30);

describe('startOf', () => {
  it('starts days, Monday weeks, months and years on the wall clock of the time zone', () => {
    const at = (period: 'day' | 'week' | 'month' | 'year', tz: string) =>
      new Date(startOfPeriod(WED_SHANGHAI, period, tz)).toISOString();
    expect(at('day', 'Asia/Shanghai')).toBe('2026-03-03T16:00:00.000Z');
    expect(at('week', 'Asia/Shanghai')).toBe('2026-03-01T16:00:00.000Z'); // Monday 2 March
    expect(at('month', 'Asia/Shanghai')).toBe('2026-02-28T16:00:00.000Z');
    expect(at('year', 'Asia/Shanghai')).toBe('2025-12-31T16:00:00.000Z');
    // The same instant is still Tuesday in UTC, a week that began on Monday 2 March too.
    expect(at('day', 'UTC')).toBe('2026-03-03T00:00:00.000Z');
    expect(at('week', 'UTC')).toBe('2026-03-02T00:00:00.000Z');
  });

  it('reads the offset in force at the start of the period across daylight saving', () => {
    // 2026-03-08 is the US spring-forward day: midnight is still EST (UTC-5).
    const noon = Date.UTC(2026, 2, 8, 16, 0);
    expect(new Date(startOfPeriod(noon, 'day', 'America/New_York')).toISOString()).toBe(
      '2026-03-08T05:00:00.000Z',
    );
    const nextDay = Date.UTC(2026, 2, 9, 16, 0);
    expect(new Date(startOfPeriod(nextDay, 'day', 'America/New_York')).toISOString()).toBe(
      '2026-03-09T04:00:00.000Z',
    );
  });

  it('evaluates with ctx.timeZone (default UTC) and ctx.now, and is null for a bad period or date', () => {
    const ctx = { now: WED_SHANGHAI, timeZone: 'Asia/Shanghai' };
    expect(evaluate({ startOf: ['day'] }, {}, ctx)).toBe(Date.UTC(2026, 2, 3, 16));
    expect(evaluate({ startOf: ['day'] }, {}, { now: WED_SHANGHAI })).toBe(Date.UTC(2026, 2, 3));
    expect(evaluate({ startOf: ['month', { var: 'd' }] }, { d: '2026-05-20' }, ctx)).toBe(
      Date.UTC(2026, 3, 30, 16),
    );
    expect(evaluate({ startOf: ['fortnight'] }, {}, ctx)).toBeNull();
    expect(evaluate({ startOf: ['day', 'not a date'] }, {}, ctx)).toBeNull();
    expect(
      evaluate({ startOf: ['day'] }, {}, { now: WED_SHANGHAI, timeZone: 'Mars/Olympus' }),
    ).toBe(Date.UTC(2026, 2, 3));
  });

  it('is checked like the other operators', () => {
    expect(check({ startOf: ['week'] }, { fields: [] })).toEqual([]);
    expect(check({ startOf: ['fortnight'] }, { fields: [], locale: 'en' })[0]?.code).toBe(
      'logic.badArguments',
    );
    expect(check({ startOf: [] }, { fields: [] })[0]?.code).toBe('logic.badArguments');
  });

  it('compiles "this week" to a constant range in SQL; startOf of a field is not in the SQL subset', () => {
    const columns = { trialAt: { column: '"trial_at"', type: 'datetime' as const } };
    const thisWeek = {
      and: [
        { '>=': [{ var: 'trialAt' }, { startOf: ['week'] }] },
        { '<': [{ var: 'trialAt' }, { addDuration: [{ startOf: ['week'] }, '7d'] }] },
      ],
    };
    const c = compileToSql(thisWeek, {
      columns,
      ctx: { now: WED_SHANGHAI, timeZone: 'Asia/Shanghai' },
    });
    expect(c.ok && c.params).toEqual([Date.UTC(2026, 2, 1, 16), Date.UTC(2026, 2, 8, 16)]);
    const field = compileToSql({ '>': [{ startOf: ['day', { var: 'trialAt' }] }, 0] }, { columns });
    expect(!field.ok && field.errors[0]?.code).toBe('logic.notInSqlSubset');
  });

  it('knows IANA zone names', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Nowhere/Town')).toBe(false);
    expect(isTimeZone(8)).toBe(false);
  });
});
