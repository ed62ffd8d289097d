import { readFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { openStore, type AggregateQuery, type Store } from '../src/index';
import { TOUCH_PENDING, touchFoldSql } from '../src/sql/reports/touch-sql';
import { baseSpec } from './fixtures';
import { itOnSqliteFile, type SqliteRun } from './on-databases';
import { waiting } from './report-group-rows';
import { toSession26 } from './session26';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 27, 3);
/** True for every record, on a field the groups do not hold: the records are read instead. */
const VIA_RECORDS = { '!=': [{ var: 'name' }, '-'] };
const KEY =
  'entity, month, field, team_id, stage, utm_source, utm_medium, utm_campaign, utm_content';
const SUMS = ['records', 'amount_sum', 'amount_n'];

/** 0020's stamp: forgotten, the migrator applies it again. */
function stamp(): string {
  const journal = JSON.parse(
    readFileSync(new URL('../drizzle/meta/_journal.json', import.meta.url), 'utf8'),
  ) as { entries: { tag: string; when: number }[] };
  const mine = journal.entries.filter((e) => e.tag.endsWith('_report_touch_pending'));
  expect(mine.map((e) => Number(e.tag.slice(0, 4)))).toEqual([20]);
  return mine.map((e) => e.when).join(', ');
}

/**
 * A trigger's text as it was before 0020: each queued change of a month group is the upsert of
 * the group, a take-out followed by the delete of the group it emptied.
 */
function writingGroups(sql: string): string {
  const queued = new RegExp(
    `INSERT INTO ${TOUCH_PENDING} \\(${KEY}, ${SUMS.join(', ')}\\) SELECT ${KEY}, (-?)(1, .*?) FROM report_touch_rows WHERE (entity = [^\\s;]+ AND record_id = [^\\s;]+)`,
    'g',
  );
  return sql.replace(queued, (_, s: string, sums: string, where: string) =>
    [
      `INSERT INTO report_touch_months (${KEY}, ${SUMS.join(', ')}) SELECT ${KEY}, ${s}${sums}` +
        ` FROM report_touch_rows WHERE ${where} ON CONFLICT (${KEY}) DO UPDATE SET ` +
        SUMS.map((c) => `${c} = report_touch_months.${c} + excluded.${c}`).join(', '),
      ...(s === '-'
        ? [
            `DELETE FROM report_touch_months WHERE records = 0 AND (${KEY}) IN (SELECT ${KEY} FROM report_touch_rows WHERE ${where})`,
          ]
        : []),
    ].join(';\n  '),
  );
}

/**
 * A trigger's text as it was before the in-place move (session 26): no `set` trigger (null), and
 * the update trigger takes the rows out and in on every change of what they hold.
 */
function beforeInPlace(sql: string): string | null {
  if (/^CREATE TRIGGER "touch__\w+__set"/.test(sql)) return null;
  return sql.replace(/ WHEN \((.*)\) AND NOT \(OLD\.id = NEW\.id AND .*?\)\n/, ' WHEN $1\n');
}

/** The first-touch triggers, by name. */
const touchTriggers = (sql: SqliteRun) =>
  sql(
    (db) =>
      db
        .prepare(
          "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'touch\\_\\_%' ESCAPE '\\' ORDER BY name",
        )
        .all() as { name: string; sql: string }[],
  );

/** `n` leads from `from` on, over two months and more, most with a touch, amounts and stages. */
async function write(store: Store, from: number, n: number): Promise<void> {
  for (let i = from; i < from + n; i++) {
    const createdAt = T0 + i * 37 * H;
    const r = await store.records(baseSpec).insert('lead', {
      name: `L${i}`,
      createdAt,
      stage: ['new', 'won', 'lost'][i % 3],
      teamId: i % 4 === 0 ? 'north' : null,
      budget: i % 5 === 0 ? null : 100 * i,
    });
    if (!r.ok) throw new Error('insert failed');
    if (i % 6 !== 0)
      await store.touches.append({
        id: `t${i}`,
        entity: 'lead',
        recordId: r.value.id,
        kind: 'form',
        sourceKey: null,
        utmSource: ['douyin', 'wechat'][i % 2]!,
        utmMedium: null,
        utmCampaign: `c${i % 3}`,
        utmContent: null,
        utmTerm: null,
        referrer: null,
        landingUrl: null,
        at: createdAt + H,
      });
  }
}

/** Attribution over February and March (whole months: the groups) from the groups and the records. */
async function expectExact(store: Store): Promise<number> {
  const q = (extra: unknown[]): AggregateQuery => ({
    filter: {
      and: [
        { '>=': [{ var: 'createdAt' }, Date.UTC(2026, 1, 1)] },
        { '<': [{ var: 'createdAt' }, Date.UTC(2026, 3, 1)] },
        ...extra,
      ],
    },
    by: [{ field: 'firstUtmCampaign' }, { field: 'stage' }],
    measures: [{ op: 'count' }, { op: 'sum', field: 'budget' }],
  });
  const reports = store.reports(baseSpec);
  const value = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }) => {
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };
  const sorted = <T extends { keys: unknown[] }>(xs: T[]) =>
    [...xs].sort((a, b) => (JSON.stringify(a.keys) < JSON.stringify(b.keys) ? -1 : 1));
  const fast = value(await reports.aggregate('lead', q([])));
  expect(sorted(fast)).toEqual(sorted(value(await reports.aggregate('lead', q([VIA_RECORDS])))));
  return fast.reduce((n, r) => n + r.values[0]!, 0);
}

const MARK =
  "INSERT INTO report_touch_months VALUES ('lead', 1, 'budget', '', '', '', '', '=mark', '', 1, 0, 0)";
const marked = (sql: SqliteRun) =>
  sql((db) =>
    db.prepare("SELECT count(*) AS n FROM report_touch_months WHERE utm_campaign = '=mark'").get(),
  );

describe('migration 0020 (first-touch groups written behind) on a populated database', () => {
  // PostgreSQL keeps its groups in the write's transaction: 0020 is SQLite's alone.
  itOnSqliteFile(
    'sqlite: the triggers that wrote the groups are replaced without a rebuild, the groups stay exact, later changes are queued',
    async (url, sql) => {
      let store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      await write(store, 0, 40);
      await store.close();
      // What this version makes; the test starts from session 26's (counted in the write).
      const fresh = touchTriggers(sql);
      sql(toSession26);
      const now = touchTriggers(sql);
      // The entity's four (the update's two: in place, and out and in), the first touch's three.
      expect(now.filter((t) => t.sql.includes(TOUCH_PENDING)).length).toBe(7);
      // Back to before 0020 (its queue folded and gone), written to by the triggers of then.
      sql((db) => {
        for (const q of touchFoldSql(`(SELECT max(rowid) FROM ${TOUCH_PENDING})`)) db.exec(q);
        db.exec(`DROP TABLE ${TOUCH_PENDING}`);
        for (const t of now) {
          db.exec(`DROP TRIGGER ${t.name}`);
          const old = beforeInPlace(t.sql);
          if (old) db.exec(writingGroups(old));
        }
        db.exec(`DELETE FROM __drizzle_migrations WHERE created_at IN (${stamp()})`);
        db.exec("UPDATE e_lead SET budget = budget + 1, stage = 'won' WHERE name IN ('L7', 'L8')");
        db.exec("UPDATE e_lead SET deleted_at = 1 WHERE name = 'L9'");
      });
      expect(touchTriggers(sql).some((t) => t.sql.includes(TOUCH_PENDING))).toBe(false);
      // A group no rebuild would make: it stays only if the sync replaces the triggers alone.
      sql((db) => db.exec(MARK));
      store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      expect(touchTriggers(sql)).toEqual(fresh);
      expect(marked(sql)).toEqual({ n: 1 });
      sql((db) => db.exec("DELETE FROM report_touch_months WHERE utm_campaign = '=mark'"));
      const before = await expectExact(store);
      expect(before).toBeGreaterThan(20);
      // Later writes wait for their settle (report_dirty, or inserted since it last ran), whose
      // changes are queued; read with the groups, they are exact.
      await write(store, 40, 20);
      expect(waiting(sql)).toBeGreaterThan(0);
      expect(await expectExact(store)).toBeGreaterThan(before);
      await store.transaction((tx) => tx.records(baseSpec).foldReportGroups(100_000));
      expect(await expectExact(store)).toBeGreaterThan(before);
      await store.close();
    },
  );
});
