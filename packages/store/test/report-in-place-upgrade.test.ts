import { describe, expect } from 'vitest';
import { entityTable } from '../src/entity/entity-table';
import { openStore, type AppShape, type Store } from '../src/index';
import { touchFoldSql, touchRebuildSql, TOUCH_PENDING } from '../src/sql/reports/touch-sql';
import { baseSpec, leadEntity } from './fixtures';
import { itOnSqliteFile, type SqliteRun } from './on-databases';
import { contents, rebuilt } from './report-group-rows';
import { settleAllReports } from '../src/sqlite/report-settle';
import { toSession26 } from './session26';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 27, 3);
const TOUCH_TABLES = ['report_touch_rows', 'report_touch_months'];

/** `n` leads over two months, most with a touch, some owned, in a team, with amounts. */
async function write(store: Store, n: number, spec: AppShape = baseSpec): Promise<void> {
  for (let i = 0; i < n; i++) {
    const createdAt = T0 + i * 37 * H;
    const r = await store.records(spec).insert('lead', {
      name: `L${i}`,
      createdAt,
      stage: ['new', 'won', 'lost'][i % 3],
      ownerId: i % 3 === 0 ? `u${i % 2}` : null,
      teamId: i % 4 === 0 ? 'tech' : null,
      budget: i % 5 === 0 ? null : 100 * i,
      ...(spec === baseSpec ? {} : { deposit: i % 4 === 1 ? null : 10 * i }),
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

/**
 * The first-touch rows and month groups, as text, sorted (the records waiting for their settle
 * settled, the queued changes folded in).
 */
const touchContents = (sql: SqliteRun) =>
  sql((db) => {
    settleAllReports(db);
    for (const q of touchFoldSql(`(SELECT max(rowid) FROM ${TOUCH_PENDING})`)) db.exec(q);
    return TOUCH_TABLES.map((t) =>
      (db.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[])
        .map((r) => Object.values(r).map(String).join('|'))
        .sort(),
    );
  });

/** The same rebuilt from the records (rolled back): what exact rows and groups hold. */
const touchRebuilt = (sql: SqliteRun, spec: AppShape = baseSpec) =>
  sql((db) => {
    db.exec('BEGIN');
    try {
      for (const q of touchRebuildSql('e_lead', entityTable(spec.entities[0]!, spec), 'sqlite'))
        db.exec(q);
      return touchContents((f) => f(db));
    } finally {
      db.exec('ROLLBACK');
    }
  });

/** The report and first-touch triggers of the lead table, by name. */
const leadTriggers = (sql: SqliteRun) =>
  sql(
    (db) =>
      db
        .prepare(
          "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'e_lead' ORDER BY name",
        )
        .all() as { name: string; sql: string }[],
  );

/**
 * A trigger's text as it was before the in-place move (session 26): no `set` trigger (null), and
 * the update trigger takes the record out and adds it anew on every change of what it counts.
 */
function beforeInPlace(sql: string): string | null {
  if (/^CREATE TRIGGER "?\w+__lead__set"? /.test(sql)) return null;
  return sql.replace(/ WHEN \((.*)\) AND NOT \(OLD\.id = NEW\.id AND .*?\)\n/, ' WHEN $1\n');
}

/** Groups no rebuild would make: they stay only if the start replaces the triggers alone. */
const MARKS = [
  "INSERT INTO report_cohorts VALUES ('lead', 1, 'mark', '', '', '', 1, 0, 0, 0, 0)",
  "INSERT INTO report_touch_months VALUES ('lead', 1, 'budget', '', '', '', '', '=mark', '', 1, 0, 0)",
];
const marks = (sql: SqliteRun) =>
  sql((db) => [
    db.prepare("SELECT count(*) AS n FROM report_cohorts WHERE owner_id = 'mark'").get(),
    db.prepare("SELECT count(*) AS n FROM report_touch_months WHERE utm_campaign = '=mark'").get(),
  ]);

/** Assignments, team and stage moves, an amount, a deletion and a restore, as raw writes. */
const CHANGES = [
  "UPDATE e_lead SET owner_id = 'u7', team_id = 'tech' WHERE name IN ('L1', 'L2', 'L4')",
  "UPDATE e_lead SET owner_id = NULL WHERE name = 'L3'",
  `UPDATE e_lead SET stage = 'won', stage_entered_at = ${T0 + 90 * H} WHERE name IN ('L5', 'L7')`,
  "UPDATE e_lead SET budget = budget + 1 WHERE name IN ('L8', 'L10')",
  "UPDATE e_lead SET deleted_at = 1 WHERE name IN ('L11', 'L13')",
  "UPDATE e_lead SET deleted_at = NULL, owner_id = 'u9' WHERE name = 'L13'",
  `UPDATE e_lead SET created_at = created_at - ${40 * 24 * H} WHERE name = 'L14'`,
];

describe('report triggers of before the in-place move, on a populated database', () => {
  itOnSqliteFile(
    'sqlite: replaced at the next start without a rebuild; rows and groups stay those of a rebuild through updates in place and out and in',
    async (url, sql) => {
      let store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      await write(store, 30);
      await store.close();
      // What this version makes; the test starts from session 26's (counted in the write).
      const fresh = leadTriggers(sql);
      sql(toSession26);
      const now = leadTriggers(sql);
      expect(now.filter((t) => t.name.endsWith('__set')).map((t) => t.name)).toEqual([
        'report__lead__set',
        'touch__lead__set',
      ]);
      // Back to the triggers of session 25, which kept rows and groups exact in every write.
      sql((db) => {
        for (const t of now) {
          db.exec(`DROP TRIGGER "${t.name}"`);
          const old = beforeInPlace(t.sql);
          if (old) db.exec(old);
        }
        db.exec(CHANGES[0]!);
        for (const q of MARKS) db.exec(q);
      });
      store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      expect(leadTriggers(sql)).toEqual(fresh);
      expect(marks(sql)).toEqual([{ n: 1 }, { n: 1 }]);
      sql((db) => {
        db.exec("DELETE FROM report_cohorts WHERE owner_id = 'mark'");
        db.exec("DELETE FROM report_touch_months WHERE utm_campaign = '=mark'");
      });
      expect(contents(sql)).toEqual(rebuilt(sql));
      expect(touchContents(sql)).toEqual(touchRebuilt(sql));
      // Every kind of update, through the new triggers.
      sql((db) => {
        for (const q of CHANGES.slice(1)) db.exec(q);
      });
      const after = contents(sql);
      expect(after).toEqual(rebuilt(sql));
      expect(touchContents(sql)).toEqual(touchRebuilt(sql));
      // The updates moved something (the rows are not those of before).
      expect(after[0]!.some((r) => r.includes('|u7|tech|'))).toBe(true);
      await store.close();
    },
  );

  itOnSqliteFile(
    "sqlite: an entity with two money fields moves each field's row with its own amount",
    async (url, sql) => {
      const spec: AppShape = {
        ...baseSpec,
        entities: [
          { ...leadEntity, fields: [...leadEntity.fields, { key: 'deposit', type: 'money' }] },
        ],
      };
      const store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(spec);
      await write(store, 30, spec);
      sql((db) => {
        for (const q of CHANGES) db.exec(q);
        db.exec("UPDATE e_lead SET deposit = 7, budget = NULL WHERE name IN ('L1', 'L6')");
      });
      const after = touchContents(sql);
      expect(after).toEqual(touchRebuilt(sql, spec));
      expect(after[0]!.filter((r) => r.includes('|deposit|')).length).toBeGreaterThan(20);
      await store.close();
    },
  );
});
