import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entityTable } from '../src/entity/entity-table';
import { openStore, type AppShape, type EntityShape } from '../src/index';
import type { AggregateQuery, AggregateRow } from '../src/api/reports';
import { reportRepo } from '../src/sql/reports/report-repo';
import { sqliteExec } from '../src/sqlite/exec';
import { baseSpec, leadEntity } from './fixtures';
import { withMillionLeadStats } from './million-lead-stats';
import { itOnSqliteFile } from './on-databases';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const WON = { in: [{ var: 'stage' }, ['won']] };
const INDEX = 'ix_e_lead__attr_campaignCode_variant';

const lead: EntityShape = {
  ...leadEntity,
  fields: [
    ...leadEntity.fields,
    { key: 'campaignCode', type: 'text' },
    { key: 'variant', type: 'text' },
  ],
};
type Widget = NonNullable<AppShape['dashboards']>[number]['widgets'][number];
/** The leads above with these widgets (attribution on leads unless told). */
const withWidgets = (widgets: Partial<Widget>[], entity: EntityShape = lead): AppShape => ({
  ...baseSpec,
  entities: [entity],
  dashboards: [{ widgets: widgets.map((w) => ({ type: 'attribution', entity: 'lead', ...w })) }],
});
const campaign = withWidgets([
  { field: 'campaignCode', split: 'variant', measure: { op: 'sum', field: 'budget' } },
]);
const attrIndexes = (spec: AppShape, entity: EntityShape = lead) =>
  entityTable(entity, spec)
    .indexes.filter((d) => d.name.includes('__attr_'))
    .map((d) => ({ name: d.name, columns: d.columns, sqliteOnly: d.sqliteOnly }));

/** What the engine's attribution widget asks of a period (widgets/attribution.ts). */
const attribution = (from: number, to: number, scope?: unknown): AggregateQuery => ({
  filter: {
    and: [{ '>=': [{ var: 'createdAt' }, from] }, { '<': [{ var: 'createdAt' }, to] }],
  },
  ...(scope ? { scope } : {}),
  by: [{ field: 'campaignCode' }, { field: 'variant' }],
  measures: [
    { op: 'count' },
    { op: 'count', where: WON },
    { op: 'sum', field: 'budget', where: WON },
  ],
});

type Row = {
  campaignCode: string | null;
  variant: string | null;
  stage: string | null;
  budget: number | null;
  owner_id: string | null;
  team_id: string | null;
  created_at: number;
};

const sorted = (xs: AggregateRow[]) =>
  [...xs].sort((a, b) => (JSON.stringify(a.keys) < JSON.stringify(b.keys) ? -1 : 1));

function bruteForce(rows: Row[], from: number, to: number, test: (r: Row) => boolean) {
  const by = new Map<string, AggregateRow>();
  for (const r of rows) {
    if (r.created_at < from || r.created_at >= to || !test(r)) continue;
    const keys = [r.campaignCode, r.variant];
    const g = by.get(JSON.stringify(keys)) ?? { keys, values: [0, 0, null] };
    g.values[0]! += 1;
    if (r.stage === 'won') {
      g.values[1]! += 1;
      if (r.budget !== null) g.values[2] = (g.values[2] ?? 0) + r.budget;
    }
    by.set(JSON.stringify(keys), g);
  }
  return sorted([...by.values()]);
}

describe("SQLite's attribution indexes (entity/attribution-columns.ts)", () => {
  it("are led by an attribution widget's field and split, then hold what its read names", () => {
    expect(attrIndexes(campaign)).toEqual([
      {
        name: INDEX,
        columns: [
          'campaignCode',
          'variant',
          'created_at',
          'stage',
          'team_id',
          'budget',
          'deleted_at',
        ],
        sqliteOnly: true,
      },
    ]);
    // No split, no measure; no field: the engine's default, source.
    expect(attrIndexes(withWidgets([{ field: 'campaignCode' }, {}]))).toEqual([
      {
        name: 'ix_e_lead__attr_campaignCode',
        columns: ['campaignCode', 'created_at', 'stage', 'team_id', 'deleted_at'],
        sqliteOnly: true,
      },
      {
        name: 'ix_e_lead__attr_source',
        columns: ['source', 'created_at', 'stage', 'team_id', 'deleted_at'],
        sqliteOnly: true,
      },
    ]);
    // Widgets with the same keys share one index holding every field they sum.
    const shared = withWidgets([
      { field: 'campaignCode', measure: { op: 'sum', field: 'budget' } },
      { field: 'campaignCode', measure: { op: 'sum', field: 'age' } },
      { field: 'campaignCode', measure: { op: 'count' } },
    ]);
    expect(attrIndexes(shared).map((d) => d.columns)).toEqual([
      ['campaignCode', 'created_at', 'stage', 'team_id', 'budget', 'age', 'deleted_at'],
    ]);
    // The first touch's fields (their own month groups), a related record's field, a list
    // field, an unknown field and another entity's widget: none.
    for (const w of [
      { field: 'firstUtmCampaign', split: 'firstUtmContent' },
      { field: 'campaignCode', split: 'firstUtmContent' },
      { field: 'campaignCode', via: 'customer' },
      { field: 'tags' },
      { field: 'nothing' },
      { field: 'campaignCode', entity: 'deal' },
    ])
      expect(attrIndexes(withWidgets([w])), JSON.stringify(w)).toEqual([]);
    // At most three an entity (each is written with every create); one led by a field a list
    // index leads alone (city) is that index (the next test).
    const four = withWidgets(
      ['source', 'city', 'campaignCode', 'variant'].map((field) => ({ field })),
    );
    expect(attrIndexes(four).map((d) => d.name)).toEqual([
      'ix_e_lead__attr_source',
      'ix_e_lead__attr_campaignCode',
    ]);
  });

  it("is a listed field's own list index, with the summed fields as its tail (one index a create, not two)", () => {
    const city = withWidgets([{ field: 'city', measure: { op: 'sum', field: 'budget' } }]);
    expect(attrIndexes(city)).toEqual([]);
    const def = entityTable(lead, city).indexes.find((d) => d.name === 'ix_e_lead__f_city');
    // Every column the attribution index held (city, created_at, stage, team_id, budget,
    // deleted_at) and every one the list index holds.
    expect(def).toEqual({
      name: 'ix_e_lead__f_city',
      columns: ['city', 'created_at', 'stage', 'owner_id', 'team_id', 'deleted_at'],
      sqliteTail: ['budget'],
    });
    // No widget: the list index alone, its tail empty.
    expect(
      entityTable(lead, withWidgets([])).indexes.find((d) => d.name === 'ix_e_lead__f_city')
        ?.sqliteTail,
    ).toEqual([]);
  });

  it("indexes the education template's campaign attribution", () => {
    const part = <T>(file: string, key: string) =>
      (
        JSON.parse(
          readFileSync(
            join(import.meta.dirname, `../../../templates/education/spec/${file}.json`),
            'utf8',
          ),
        ) as Record<string, T>
      )[key]!;
    const spec = {
      ...baseSpec,
      entities: part<AppShape['entities']>('entities', 'entities'),
      pipelines: part<AppShape['pipelines']>('pipelines', 'pipelines'),
      dashboards: part<AppShape['dashboards']>('dashboards', 'dashboards'),
    } as AppShape;
    const shape = spec.entities.find((e) => e.key === 'lead')!;
    // campaignCode is listed: its list index holds the attribution's columns.
    expect(attrIndexes(spec, shape)).toEqual([]);
    const def = entityTable(shape, spec).indexes.find(
      (d) => d.name === 'ix_e_lead__f_campaignCode',
    )!;
    expect([...def.columns, ...def.sqliteTail!]).toEqual([
      'campaignCode',
      'created_at',
      'stage',
      'owner_id',
      'team_id',
      'deleted_at',
      'quotedAmount',
    ]);
  });

  itOnSqliteFile(
    'a widget asking makes it at sync; a quarter then reads it alone in group order; it goes when none asks',
    async (url, sql) => {
      const plain: AppShape = { ...baseSpec, entities: [lead] };
      const store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(plain);
      const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length]!;
      const made = await store.records(plain).insertMany(
        'lead',
        Array.from({ length: 400 }, (_, i) => ({
          name: `A${i}`,
          campaignCode: pick(['c1', 'c2', 'c3', '', null], i),
          variant: pick(['A', 'B', null], Math.floor(i / 5)),
          stage: pick(['new', 'trial', 'won', 'won', 'lost'], Math.floor(i / 7)),
          budget: i % 4 === 0 ? null : i * 10,
          ownerId: pick(['u1', 'u2', null], Math.floor(i / 3)),
          teamId: pick(['north', 'south', null], Math.floor(i / 11)),
          createdAt: T0 + Math.floor((i * 100 * DAY) / 400),
        })),
      );
      expect(made.every((r) => r.ok)).toBe(true);
      await store.close();
      const sync = async (spec: AppShape) => {
        const s = await openStore({ url, locale: 'en' });
        await s.migrations.syncEntityTables(spec);
        await s.close();
      };
      const indexSql = () =>
        sql(
          (db) =>
            (
              db.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).get(INDEX) as
                { sql: string } | undefined
            )?.sql,
        );
      // The statement the report repository runs and SQLite's plan for it, with the statistics
      // SQLite samples at 1,000,000 leads (its own for the attribution index: 30 campaigns).
      const read = async (spec: AppShape, q: AggregateQuery, lead = 'SELECT "campaignCode"') => {
        const Db = (await import('better-sqlite3')).default;
        const db = new Db(url);
        try {
          withMillionLeadStats(db);
          if (indexSql() !== undefined) {
            db.prepare(`INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('e_lead', ?, ?)`).run(
              INDEX,
              '1000000 33334 16667 1 1 1 1 1',
            );
            db.exec('ANALYZE sqlite_schema');
          }
          const ran: { sql: string; params: readonly unknown[] }[] = [];
          const x = sqliteExec(() => db);
          const watched = {
            ...x,
            all: <R>(s: string, p: readonly unknown[] = []) => {
              if (s.startsWith(lead)) ran.push({ sql: s, params: p });
              return x.all<R>(s, p);
            },
          };
          const r = await reportRepo(watched, spec, 'sqlite', 'en').aggregate('lead', q);
          if (!r.ok) throw new Error(r.error.message);
          const plan = db.prepare(`EXPLAIN QUERY PLAN ${ran[0]!.sql}`).all(...ran[0]!.params) as {
            detail: string;
          }[];
          const rows = db.prepare('SELECT * FROM e_lead WHERE deleted_at IS NULL').all() as Row[];
          return { got: sorted(r.value), rows, plan: plan.map((p) => p.detail).join('\n') };
        } finally {
          db.close();
        }
      };
      // A quarter of the records' span: a wide period, not read through the created_at index.
      const [from, to] = [T0 + 10 * DAY, T0 + 60 * DAY];
      const before = await read(plain, attribution(from, to));
      expect(indexSql()).toBeUndefined();
      expect(before.plan).not.toContain('COVERING INDEX');
      expect(before.plan).toContain('TEMP B-TREE FOR GROUP BY');
      const want = bruteForce(before.rows, from, to, () => true);
      expect(before.got).toEqual(want);
      expect(want.length).toBeGreaterThan(10);

      await sync(campaign);
      expect(indexSql()).toBe(
        `CREATE INDEX "${INDEX}" ON "e_lead" ("campaignCode", "variant", "created_at", "stage", "team_id", "budget", "deleted_at")`,
      );
      // Its statistics were taken when it was made.
      expect(
        sql((db) => db.prepare(`SELECT stat FROM sqlite_stat1 WHERE idx = ?`).all(INDEX)),
      ).toHaveLength(1);
      const after = await read(campaign, attribution(from, to));
      // Each campaign and variant's part of the period, in group order: no table row, no sort.
      expect(after.plan).toContain(
        `SEARCH e_lead USING COVERING INDEX ${INDEX} (ANY(campaignCode) AND ANY(variant) AND created_at>? AND created_at<?)`,
      );
      expect(after.plan).not.toContain('TEMP B-TREE');
      expect(after.got).toEqual(want);
      // A supervisor's teams (in the index) and a rep's records (the owner index's) stay exact.
      const team = await read(
        campaign,
        attribution(from, to, { in: [{ var: 'teamId' }, ['north']] }),
      );
      expect(team.plan).toContain(`COVERING INDEX ${INDEX}`);
      expect(team.got).toEqual(bruteForce(team.rows, from, to, (r) => r.team_id === 'north'));
      const rep = await read(campaign, attribution(from, to, { '==': [{ var: 'ownerId' }, 'u2'] }));
      expect(rep.plan).toContain('ix_e_lead__owner (owner_id=?');
      expect(rep.got).toEqual(bruteForce(rep.rows, from, to, (r) => r.owner_id === 'u2'));
      expect(rep.got.length).toBeGreaterThan(3);
      // Other reads another index covers keep it (the attribution index is tried last): a
      // quarter's counts per day.
      const days = Array.from({ length: 51 }, (_, i) => from + i * DAY);
      const daily = await read(
        campaign,
        { by: [{ field: 'createdAt', edges: days }], measures: [{ op: 'count' }] },
        'SELECT CASE',
      );
      expect(daily.plan).toContain('COVERING INDEX');
      expect(daily.plan).not.toContain(INDEX);

      // A widget naming a field the table does not hold yet (before its migration): nothing
      // made, nothing fails; the other widget's index stays.
      const promo: EntityShape = {
        ...lead,
        fields: [...lead.fields, { key: 'promo', type: 'text' }],
      };
      await sync(
        withWidgets(
          [
            { field: 'campaignCode', split: 'variant', measure: { op: 'sum', field: 'budget' } },
            { field: 'promo' },
          ],
          promo,
        ),
      );
      expect(indexSql()).toBeDefined();
      expect(
        sql((db) => db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE '%promo%'`).all()),
      ).toEqual([]);

      // No widget any more: dropped; the read is the table's again and as exact.
      await sync(plain);
      expect(indexSql()).toBeUndefined();
      const gone = await read(plain, attribution(from, to));
      expect(gone.plan).not.toContain('COVERING INDEX');
      expect(gone.got).toEqual(want);
    },
  );

  itOnSqliteFile(
    "a listed field's attribution and its lists read the one index; the attribution index of before goes at the start",
    async (url, sql) => {
      const listed: EntityShape = {
        ...lead,
        fields: lead.fields.map((f) => (f.key === 'campaignCode' ? { ...f, indexed: true } : f)),
      };
      const spec = withWidgets(
        [{ field: 'campaignCode', measure: { op: 'sum', field: 'budget' } }],
        listed,
      );
      const store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables({ ...baseSpec, entities: [listed] });
      const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length]!;
      const made = await store.records(spec).insertMany(
        'lead',
        Array.from({ length: 300 }, (_, i) => ({
          name: `A${i}`,
          campaignCode: pick(['c1', 'c2', 'c3', null], i),
          stage: pick(['new', 'won', 'lost'], Math.floor(i / 7)),
          budget: i % 4 === 0 ? null : i * 10,
          teamId: pick(['north', 'south', null], Math.floor(i / 11)),
          createdAt: T0 + Math.floor((i * 100 * DAY) / 300),
        })),
      );
      expect(made.every((r) => r.ok)).toBe(true);
      await store.close();
      // Session 27's attribution index beside the list index, as a database of then has them.
      const old = 'ix_e_lead__attr_campaignCode';
      sql((db) =>
        db.exec(
          `CREATE INDEX "${old}" ON "e_lead" ("campaignCode", "created_at", "stage", "team_id", "budget", "deleted_at")`,
        ),
      );
      const s = await openStore({ url, locale: 'en' });
      await s.migrations.syncEntityTables(spec);
      await s.close();
      const indexes = () =>
        sql(
          (db) =>
            db
              .prepare(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'e_lead' AND name LIKE '%campaignCode%'",
              )
              .all() as { name: string; sql: string }[],
        );
      const INDEX = 'ix_e_lead__f_campaignCode';
      expect(indexes()).toEqual([
        {
          name: INDEX,
          sql: `CREATE INDEX "${INDEX}" ON "e_lead" ("campaignCode", "created_at", "stage", "owner_id", "team_id", "deleted_at", "budget")`,
        },
      ]);
      const Db = (await import('better-sqlite3')).default;
      const db = new Db(url);
      try {
        withMillionLeadStats(db);
        db.prepare(`INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('e_lead', ?, ?)`).run(
          INDEX,
          '1000000 33334 11112 11 11 11 1 1',
        );
        db.exec('ANALYZE sqlite_schema');
        const plan = (q: string, ...p: unknown[]) =>
          (db.prepare(`EXPLAIN QUERY PLAN ${q}`).all(...p) as { detail: string }[])
            .map((r) => r.detail)
            .join('\n');
        // The attribution read (the statement the report repository runs): each campaign's part
        // of the quarter from the index alone, in group order.
        const ran: { sql: string; params: readonly unknown[] }[] = [];
        const x = sqliteExec(() => db);
        const watched = {
          ...x,
          all: <R>(q: string, p: readonly unknown[] = []) => {
            if (q.startsWith('SELECT "campaignCode"')) ran.push({ sql: q, params: p });
            return x.all<R>(q, p);
          },
        };
        const [from, to] = [T0 + 10 * DAY, T0 + 60 * DAY];
        const r = await reportRepo(watched, spec, 'sqlite', 'en').aggregate('lead', {
          ...attribution(from, to),
          by: [{ field: 'campaignCode' }],
        });
        if (!r.ok) throw new Error(r.error.message);
        const read = plan(ran[0]!.sql, ...ran[0]!.params);
        expect(read).toContain(
          `SEARCH e_lead USING COVERING INDEX ${INDEX} (ANY(campaignCode) AND created_at>? AND created_at<?)`,
        );
        expect(read).not.toContain('TEMP B-TREE');
        const rows = db.prepare('SELECT * FROM e_lead WHERE deleted_at IS NULL').all() as Row[];
        const want = new Map<string, number[]>();
        for (const row of rows) {
          if (row.created_at < from || row.created_at >= to) continue;
          const v = want.get(String(row.campaignCode)) ?? [0, 0, 0];
          v[0]! += 1;
          if (row.stage === 'won') {
            v[1]! += 1;
            v[2]! += row.budget ?? 0;
          }
          want.set(String(row.campaignCode), v);
        }
        expect(
          Object.fromEntries(r.value.map((g) => [String(g.keys[0]), g.values.map((n) => n ?? 0)])),
        ).toEqual(Object.fromEntries(want));
        // A list filtered by the field, newest first, and its count by stage and team: the
        // same index, no sort, no table row for the count.
        expect(
          plan(
            'SELECT id FROM e_lead WHERE "campaignCode" = ? AND deleted_at IS NULL ORDER BY created_at DESC LIMIT 50',
            'c1',
          ),
        ).toMatch(new RegExp(`SEARCH e_lead USING INDEX ${INDEX} \\(campaignCode=\\?\\)$`));
        expect(
          plan(
            'SELECT count(*) FROM e_lead WHERE "campaignCode" = ? AND stage = ? AND team_id = ? AND deleted_at IS NULL',
            'c1',
            'won',
            'north',
          ),
        ).toContain(`COVERING INDEX ${INDEX} (campaignCode=?`);
      } finally {
        db.close();
      }
    },
  );
});
