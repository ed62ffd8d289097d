import { readFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { openStore, type Store } from '../src/index';
import { removeSql } from '../src/sql/reports/cohort-sql';
import { baseSpec } from './fixtures';
import { itOnPostgres, itOnSqliteFile } from './on-databases';
import { writeWalks } from './report-walks';
import { undo0022 } from './session27';

const RANKS = { new: 0, qualified: 1, trial: 2, quoted: 3, won: 4 };
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 1, 9);
/** Always true on a field report_cohorts lacks: the full query over the records. */
const FULL = { '!=': [{ var: 'id' }, ''] };

const write = (store: Store, from: number, n: number) =>
  writeWalks(store, from, n, { t0: T0, everyMs: 7 * 3_600_000, stepMs: DAY, prefix: 'B' });

/** March 2026 in UTC, whole: read from the month groups alone. */
const MARCH: [number, number] = [Date.UTC(2026, 2, 1), Date.UTC(2026, 3, 1)];

const answer = async (store: Store, full: boolean, [from, to] = [T0 + DAY / 3, T0 + 9 * DAY]) => {
  const r = await store.reports(baseSpec).reach('lead', {
    ranks: RANKS,
    by: 'ownerId',
    filter: {
      and: [
        { '>=': [{ var: 'createdAt' }, from] },
        { '<': [{ var: 'createdAt' }, to] },
        ...(full ? [FULL] : []),
      ],
    },
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.map((x) => `${x.rank}|${String(x.key)}|${x.records}`).sort();
};

/**
 * A database written before the report triggers existed (triggers dropped, groups emptied, more
 * records written): syncing the entity tables at start puts the triggers back and rebuilds the
 * groups from the records, and later writes keep them.
 */
async function backfill(open: () => Promise<Store>, strip: () => Promise<void>): Promise<void> {
  let store = await open();
  await store.migrations.syncEntityTables(baseSpec);
  await write(store, 0, 30);
  await store.close();
  await strip();
  store = await open();
  await write(store, 30, 30);
  expect(await answer(store, false)).not.toEqual(await answer(store, true));
  expect(await answer(store, false, MARCH)).not.toEqual(await answer(store, true, MARCH));
  await store.migrations.syncEntityTables(baseSpec);
  expect(await answer(store, false)).toEqual(await answer(store, true));
  expect(await answer(store, false, MARCH)).toEqual(await answer(store, true, MARCH));
  await write(store, 60, 20);
  expect(await answer(store, false)).toEqual(await answer(store, true));
  expect(await answer(store, false, MARCH)).toEqual(await answer(store, true, MARCH));
  await store.close();
}

/** A group no record has, far from the answers' range: only a rebuild would remove it. */
const MARK = { entity: 'lead', day: 1, owner_id: 'mark', team_id: '', stage: '', entered: '' };
const MARK_SQL = `INSERT INTO report_cohorts (entity, day, owner_id, team_id, stage, entered, records, sum_created, sum_stage_at, n_stage_at) VALUES ('lead', 1, 'mark', '', '', '', 1, 0, 0, 0)`;

/**
 * A database whose triggers fire on every insert (before bulk upkeep, and before the month
 * groups): syncing puts the bulk-aware insert triggers in their place and rebuilds the groups
 * (the old triggers kept no month groups; the marker group no record has is gone), and bulk and
 * single writes afterwards keep them exact.
 */
async function upgrade(
  open: () => Promise<Store>,
  toOld: () => Promise<void>,
  names: () => Promise<string[]>,
): Promise<void> {
  let store = await open();
  await store.migrations.syncEntityTables(baseSpec);
  await write(store, 0, 30);
  await store.close();
  await toOld();
  store = await open();
  await store.migrations.syncEntityTables(baseSpec);
  const rows = await store.tables.rows('report_cohorts');
  expect(rows.some((r) => r.owner_id === MARK.owner_id)).toBe(false);
  expect(await names()).toEqual(
    expect.arrayContaining(['report__lead__del', 'report__transition_del']),
  );
  expect(await names()).not.toContain('report__lead__ins');
  expect(await names()).not.toContain('report__transition_ins');
  await write(store, 30, 20);
  const batch = Array.from({ length: 40 }, (_, i) => ({
    name: `M${i}`,
    ownerId: ['u1', 'u2'][i % 2],
    createdAt: T0 + i * 5 * 3_600_000,
  }));
  await store.records(baseSpec).insertMany('lead', batch);
  expect(await answer(store, false)).toEqual(await answer(store, true));
  await store.close();
}

/**
 * A database whose insert trigger (SQLite) or record function (PostgreSQL) still took a new
 * record's row out before adding it: syncing replaces it with the add-only one, without a
 * rebuild (the marker group stays: the old code kept the same rows and groups), and single and
 * bulk writes afterwards keep the groups exact.
 */
async function addOnly(
  open: () => Promise<Store>,
  toOld: () => Promise<void>,
  insertSql: () => Promise<string>,
): Promise<void> {
  let store = await open();
  await store.migrations.syncEntityTables(baseSpec);
  await write(store, 0, 30);
  await store.close();
  await toOld();
  expect(await insertSql()).toContain('DELETE FROM report_rows');
  store = await open();
  await write(store, 30, 10);
  await store.migrations.syncEntityTables(baseSpec);
  expect(await insertSql()).not.toContain('DELETE FROM report_rows');
  const rows = await store.tables.rows('report_cohorts');
  expect(rows.some((r) => r.owner_id === MARK.owner_id)).toBe(true);
  await write(store, 40, 20);
  await store.records(baseSpec).insertMany(
    'lead',
    Array.from({ length: 40 }, (_, i) => ({
      name: `A${i}`,
      ownerId: ['u1', 'u2'][i % 2],
      createdAt: T0 + i * 5 * 3_600_000,
    })),
  );
  expect(await answer(store, false)).toEqual(await answer(store, true));
  expect(await answer(store, false, MARCH)).toEqual(await answer(store, true, MARCH));
  await store.close();
}

describe('report cohorts backfill', () => {
  itOnSqliteFile(
    'sqlite: rebuilds the groups of a database without the triggers',
    async (url, sql) => {
      await backfill(
        () => openStore({ url, locale: 'en' }),
        async () =>
          sql((db) => {
            for (const q of undo0022()) db.exec(q);
            for (const t of ['add', 'upd', 'del']) db.exec(`DROP TRIGGER report__lead__${t}`);
            db.exec(
              'DELETE FROM report_rows; DELETE FROM report_cohorts; DELETE FROM report_cohort_months',
            );
          }),
      );
    },
  );

  itOnPostgres(
    'postgres: rebuilds the groups of a database without the triggers',
    async (url, sql) => {
      await backfill(
        () => openStore({ url, locale: 'en' }),
        () =>
          sql(async (c) => {
            await c.query(
              'DROP TRIGGER report__lead__add ON e_lead; DROP TRIGGER report__lead__del ON e_lead; DROP TRIGGER report__lead__upd ON e_lead; DELETE FROM report_rows; DELETE FROM report_cohorts; DELETE FROM report_cohort_months',
            );
          }),
      );
    },
  );

  itOnSqliteFile(
    'sqlite: replaces the insert triggers of before bulk upkeep and rebuilds the groups',
    async (url, sql) => {
      await upgrade(
        () => openStore({ url, locale: 'en' }),
        async () => {
          sql((db) => {
            for (const q of undo0022()) db.exec(q);
            // The old triggers: the same statements, firing on every insert.
            for (const [now, old] of [
              ['report__lead__add', 'report__lead__ins'],
              ['report__transition_add', 'report__transition_ins'],
            ] as const) {
              const { sql: text } = db
                .prepare('SELECT sql FROM sqlite_master WHERE name = ?')
                .get(now) as { sql: string };
              db.exec(`DROP TRIGGER ${now}`);
              db.exec(text.replace(now, old).replace(/( AND)? ?(WHEN )?NOT trellis_bulk\(\)/, ''));
            }
            db.exec(MARK_SQL);
          });
        },
        async () =>
          sql((db) =>
            (
              db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as {
                name: string;
              }[]
            ).map((r) => r.name),
          ) as string[],
      );
    },
  );

  itOnPostgres(
    'postgres: replaces the insert triggers of before bulk upkeep and rebuilds the groups',
    async (url, sql) => {
      await upgrade(
        () => openStore({ url, locale: 'en' }),
        () =>
          sql(async (c) => {
            await c.query(
              `DROP TRIGGER report__lead__add ON e_lead; DROP TRIGGER report__lead__del ON e_lead;
             CREATE TRIGGER report__lead__ins AFTER INSERT OR DELETE ON e_lead FOR EACH ROW EXECUTE FUNCTION report_record_change('lead');
             DROP TRIGGER report__transition_add ON stage_transitions; DROP TRIGGER report__transition_del ON stage_transitions;
             CREATE TRIGGER report__transition AFTER INSERT OR DELETE ON stage_transitions FOR EACH ROW EXECUTE FUNCTION report_transition_change();
             ${MARK_SQL}`,
            );
          }),
        () =>
          sql(async (c) =>
            (
              await c.query<{ name: string }>(
                'SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal',
              )
            ).rows.map((r) => r.name),
          ),
      );
    },
  );

  itOnSqliteFile(
    'sqlite: replaces an insert trigger that took out the new row, without a rebuild',
    async (url, sql) => {
      const insertSql = async () =>
        sql(
          (db) =>
            (
              db
                .prepare("SELECT sql FROM sqlite_master WHERE name = 'report__lead__add'")
                .get() as {
                sql: string;
              }
            )?.sql ?? '',
        );
      await addOnly(
        () => openStore({ url, locale: 'en' }),
        async () => {
          sql((db) => {
            for (const q of undo0022()) db.exec(q);
          });
          const text = await insertSql();
          sql((db) => {
            db.exec('DROP TRIGGER report__lead__add');
            db.exec(
              text.replace(
                'BEGIN\n',
                `BEGIN\n  ${removeSql("'lead'", 'NEW.id', 'sqlite').join(';\n  ')};\n`,
              ),
            );
            db.exec(MARK_SQL);
          });
        },
        insertSql,
      );
    },
  );

  itOnPostgres(
    'postgres: replaces a record function that took out the new row on insert, without a rebuild',
    async (url, sql) => {
      const insertSql = () =>
        sql(async (c) => {
          const { rows } = await c.query<{ src: string }>(
            "SELECT prosrc AS src FROM pg_proc WHERE oid = to_regproc('report_record_change')",
          );
          // The statements an insert runs: those outside the branch of updates and deletes.
          return rows[0]!.src.replace(/IF TG_OP <> 'INSERT'[\s\S]*?END IF;/g, '');
        });
      await addOnly(
        () => openStore({ url, locale: 'en' }),
        () =>
          sql(async (c) => {
            const { rows } = await c.query<{ def: string }>(
              "SELECT pg_get_functiondef(to_regproc('report_record_change')) AS def",
            );
            const remove = (r: string) =>
              removeSql('v_entity', r, 'postgres')
                .map((s) => `    ${s};`)
                .join('\n');
            await c.query(
              rows[0]!.def.replace(
                /IF TG_OP <> 'INSERT' THEN[\s\S]*?END IF;/,
                `IF TG_OP = 'INSERT' THEN\n${remove('NEW.id')}\n  ELSE\n${remove('OLD.id')}\n  END IF;`,
              ),
            );
            await c.query(MARK_SQL);
          }),
        insertSql,
      );
    },
  );

  itOnPostgres(
    'postgres: migration 0010 on a populated database splits the groups into shards and keeps them exact',
    async (url, sql) => {
      const shards = () =>
        sql(async (c) => {
          const { rows } = await c.query<{ n: number }>(
            'SELECT count(DISTINCT shard)::int AS n FROM report_cohorts',
          );
          return rows[0]!.n;
        });
      let store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      await write(store, 0, 40);
      const before = await answer(store, true);
      await store.close();
      // Back to the schema before 0010: one row per group (the shards summed), no shard column.
      await sql((c) =>
        c.query(`
        CREATE TEMP TABLE old_cohorts AS SELECT entity, day, owner_id, team_id, stage, entered,
          sum(records) AS records, sum(sum_created) AS sum_created, sum(sum_stage_at) AS sum_stage_at,
          sum(n_stage_at) AS n_stage_at FROM report_cohorts GROUP BY 1, 2, 3, 4, 5, 6;
        DELETE FROM report_cohorts;
        ALTER TABLE report_cohorts DROP CONSTRAINT report_cohorts_entity_day_owner_id_team_id_stage_entered_shard_pk;
        ALTER TABLE report_cohorts DROP COLUMN shard;
        ALTER TABLE report_rows DROP COLUMN shard;
        ALTER TABLE report_cohorts ADD CONSTRAINT report_cohorts_entity_day_owner_id_team_id_stage_entered_pk
          PRIMARY KEY (entity, day, owner_id, team_id, stage, entered);
        INSERT INTO report_cohorts (entity, day, owner_id, team_id, stage, entered, records, sum_created, sum_stage_at, n_stage_at)
          SELECT * FROM old_cohorts;`),
      );
      expect(await shards().catch(() => 'no shard column')).toBe('no shard column');
      // The migration as shipped, statement by statement (drizzle runs the same file).
      const migration = readFileSync(
        new URL('../drizzle-pg/0010_report_shards.sql', import.meta.url),
        'utf8',
      );
      await sql(async (c) => {
        for (const statement of migration.split('--> statement-breakpoint'))
          await c.query(statement);
      });
      // Its trigger functions are gone with their triggers: the next start puts them back and
      // rebuilds every group from the records, now spread over shards.
      store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      expect(await answer(store, false)).toEqual(before);
      expect(await shards()).toBeGreaterThan(1);
      await write(store, 40, 20);
      expect(await answer(store, false)).toEqual(await answer(store, true));
      await store.close();
    },
  );
});
