import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { sqlTables } from '../../test/sql-tables';
import type { SqlTable } from '../../test/sql-tables';
import { sqlDialects, sqlFragment } from '../index';
import type { TimeUnit } from '../index';

const tables = await sqlTables({});
afterAll(async () => {
  for (const t of tables) await t.close();
});

/** The reference: the calendar bucket computed in JS on the shifted instant. */
function bucket(ms: number, unit: TimeUnit, offsetMinutes: number): string {
  const local = new Date(Math.floor(ms / 1000) * 1000 + offsetMinutes * 60_000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  let start: Date;
  if (unit === 'year') start = new Date(Date.UTC(y, 0, 1));
  else if (unit === 'month') start = new Date(Date.UTC(y, m, 1));
  else {
    start = new Date(Date.UTC(y, m, local.getUTCDate()));
    if (unit === 'week') start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  }
  return start.toISOString().slice(0, 10);
}

describe.each(tables.map((t): [string, SqlTable] => [t.dialect, t]))('dialect %s', (_, t) => {
  const d = sqlDialects[t.dialect];
  it('buckets instants by day, Monday week, month and year in a fixed UTC offset', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: Date.UTC(1999, 0, 1), max: Date.UTC(2031, 0, 1) }),
        fc.constantFrom<TimeUnit>('day', 'week', 'month', 'year'),
        fc.constantFrom(0, 480, -300, 330, 840, -720),
        async (ms, unit, offset) => {
          const got = await t.value(d.timeBucket(sqlFragment`${ms}`, unit, offset));
          expect({ ms, unit, offset, got }).toEqual({
            ms,
            unit,
            offset,
            got: bucket(ms, unit, offset),
          });
        },
      ),
      { numRuns: 200, seed: 5 },
    );
  });

  it('sees 23:59 in Shanghai as the same day and 00:00 as the next', async () => {
    const at = (iso: string) => sqlFragment`${Date.parse(iso)}`;
    expect(await t.value(d.timeBucket(at('2024-03-03T15:59:59Z'), 'day', 480))).toBe('2024-03-03');
    expect(await t.value(d.timeBucket(at('2024-03-03T16:00:00Z'), 'day', 480))).toBe('2024-03-04');
    expect(await t.value(d.timeBucket(at('2024-03-03T16:00:00Z'), 'week', 480))).toBe('2024-03-04');
  });
});
