import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entityTable } from '../src/entity/entity-table';
import { openStore, type AppShape } from '../src/index';
import type { AggregateQuery } from '../src/api/reports';
import { reportRepo } from '../src/sql/reports/report-repo';
import { sqliteExec } from '../src/sqlite/exec';
import { baseSpec, leadEntity } from './fixtures';
import { withMillionLeadStats } from './million-lead-stats';
import { itOnSqliteFile } from './on-databases';
import { writeWalks } from './report-walks';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const NOW = T0 + 90 * DAY;
const OPEN = ['new', 'qualified', 'trial'];
const FIELDS = ['phone', 'source', 'budget'];

/** baseSpec with data health widgets (on leads unless told; `entity: null`: none named). */
const withHealth = (widgets: { fields?: string[]; entity?: string | null }[]): AppShape => ({
  ...baseSpec,
  dashboards: [
    {
      widgets: widgets.map(({ entity, fields }) => ({
        type: 'dataHealth',
        ...(entity !== null ? { entity: entity ?? 'lead' } : {}),
        ...(fields ? { fields } : {}),
      })),
    },
  ],
});

const missing = (f: string) => ({ isEmpty: [{ var: f }] });

/** What the data health widget asks of a period (engine widgets/data-health.ts), per owner. */
const health = (fields: string[], from: number, to: number): AggregateQuery => ({
  filter: {
    and: [{ '>=': [{ var: 'createdAt' }, from] }, { '<': [{ var: 'createdAt' }, to] }],
  },
  by: [{ field: 'ownerId' }],
  measures: [
    { op: 'count' },
    ...fields.map((field) => ({ op: 'filled' as const, field })),
    { op: 'filled', field: 'ownerId' },
    { op: 'count', where: { or: fields.map(missing) } },
    {
      op: 'count',
      where: {
        and: [{ in: [{ var: 'stage' }, OPEN] }, { '<': [{ var: 'slaDueAt' }, NOW] }],
      },
    },
    { op: 'count', where: { '<=': [{ var: 'createdAt' }, NOW - DAY] } },
  ],
});

type Row = Record<string, unknown> & { owner_id: string | null; created_at: number };

const empty = (v: unknown) => v === null || v === '';

/** The same numbers from every live row, in the test. */
function bruteForce(rows: Row[], fields: string[], from: number, to: number) {
  const by = new Map<string | null, number[]>();
  for (const r of rows) {
    if (r.created_at < from || r.created_at >= to) continue;
    const g = by.get(r.owner_id) ?? Array<number>(fields.length + 5).fill(0);
    g[0]! += 1;
    fields.forEach((f, i) => (g[i + 1]! += empty(r[f]) ? 0 : 1));
    g[fields.length + 1]! += empty(r.owner_id) ? 0 : 1;
    g[fields.length + 2]! += fields.some((f) => empty(r[f])) ? 1 : 0;
    const overdue = OPEN.includes(r.stage as string) && r.sla_due_at !== null;
    g[fields.length + 3]! += overdue && (r.sla_due_at as number) < NOW ? 1 : 0;
    g[fields.length + 4]! += r.created_at <= NOW - DAY ? 1 : 0;
    by.set(r.owner_id, g);
  }
  return sorted([...by].map(([k, values]) => ({ keys: [k], values })));
}

const sorted = <T extends { keys: unknown[] }>(x: T[]) =>
  [...x].sort((a, b) => String(a.keys[0]).localeCompare(String(b.keys[0])));

describe("data health's columns in SQLite's owner index", () => {
  it('holds sla_due_at and the fields data health widgets measure, only when one asks', () => {
    const tail = (spec: AppShape) =>
      entityTable(leadEntity, spec).indexes.find((d) => d.name === 'ix_e_lead__owner')!.sqliteTail;
    // The id closes every tail (a rep's period funnel reads its records' ids from the index).
    expect(tail(baseSpec)).toEqual(['last_activity_at', 'id']);
    expect(tail(withHealth([{ fields: FIELDS }]))).toEqual([
      'last_activity_at',
      'sla_due_at',
      ...FIELDS,
      'id',
    ]);
    // Two widgets: the union, each column once; system columns the index holds are not repeated.
    expect(
      tail(withHealth([{ fields: ['phone', 'ownerId'] }, { fields: ['source', 'phone'] }])),
    ).toEqual(['last_activity_at', 'sla_due_at', 'phone', 'source', 'id']);
    // No fields named: the required ones (the engine's default).
    expect(tail(withHealth([{}]))).toEqual(['last_activity_at', 'sla_due_at', 'name', 'id']);
    // A widget without an entity reports on the first pipeline's (else the first entity's).
    expect(tail(withHealth([{ entity: null, fields: ['phone'] }]))).toEqual([
      'last_activity_at',
      'sla_due_at',
      'phone',
      'id',
    ]);
    // Another entity's widget or a list field (JSON): the index stays narrow.
    for (const spec of [
      withHealth([{ entity: 'deal', fields: ['phone'] }]),
      withHealth([{ fields: ['phone', 'tags'] }]),
    ])
      expect(tail(spec)).toEqual(['last_activity_at', 'id']);
    // Twelve fields widen it (both templates measure twelve); thirteen are too many.
    const wide = Array.from({ length: 13 }, (_, i) => ({ key: `f${i}`, type: 'text' as const }));
    const lead = { ...leadEntity, fields: [...leadEntity.fields, ...wide] };
    const tailOf = (fields: string[]) =>
      entityTable(lead, { ...withHealth([{ fields }]), entities: [lead] }).indexes.find(
        (d) => d.name === 'ix_e_lead__owner',
      )!.sqliteTail;
    const twelve = wide.slice(0, 12).map((f) => f.key);
    expect(tailOf(twelve)).toEqual(['last_activity_at', 'sla_due_at', ...twelve, 'id']);
    expect(tailOf([...twelve, 'f12'])).toEqual(['last_activity_at', 'id']);
  });

  it("widens the owner index for both bundled templates' data health widgets", () => {
    for (const [template, entity] of [
      ['education', 'lead'],
      ['b2b-sales', 'customer'],
    ] as const) {
      const part = <T>(file: string, key: string) =>
        (
          JSON.parse(
            readFileSync(
              join(import.meta.dirname, `../../../templates/${template}/spec/${file}.json`),
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
      const shape = spec.entities.find((e) => e.key === entity)!;
      const widget = spec
        .dashboards!.flatMap((d) => d.widgets)
        .find((w) => w.type === 'dataHealth' && w.entity === entity)!;
      const fields = widget.fields ?? [];
      expect(fields, template).toHaveLength(12);
      const info = entityTable(shape, spec);
      const tailOf = info.indexes.find((d) => d.name.endsWith('__owner'))!.sqliteTail;
      expect(tailOf, template).toEqual([
        'last_activity_at',
        'sla_due_at',
        ...fields.map((f) => info.columns[f]!.name),
        'id',
      ]);
    }
  });

  itOnSqliteFile(
    'a widget asking widens it at sync (reads use it alone, no sort); a change rebuilds it',
    async (url, sql) => {
      const store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      await writeWalks(store, 0, 90, { t0: T0, everyMs: DAY, stepMs: 3_600_000, prefix: 'H' });
      await store.close();
      // Fields filled on some leads, empty ('' or null) on others; SLA due times past and future;
      // open and closed stages.
      sql((db) =>
        db.exec(
          `UPDATE e_lead SET phone = CASE rid % 3 WHEN 0 THEN NULL WHEN 1 THEN '' ELSE '138' || rid END,
           source = CASE WHEN rid % 4 = 0 THEN NULL ELSE 'wechat' END,
           budget = CASE WHEN rid % 5 < 2 THEN rid * 100 END,
           sla_due_at = CASE rid % 3 WHEN 0 THEN NULL WHEN 1 THEN ${NOW - DAY} ELSE ${NOW + DAY} END,
           stage = CASE rid % 4 WHEN 0 THEN 'won' WHEN 1 THEN 'new' WHEN 2 THEN 'trial' ELSE 'qualified' END`,
        ),
      );
      const ownerIndex = () =>
        sql(
          (db) =>
            (
              db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'ix_e_lead__owner'`).get() as {
                sql: string;
              }
            ).sql,
        );
      const sync = async (spec: AppShape) => {
        const s = await openStore({ url, locale: 'en' });
        await s.migrations.syncEntityTables(spec);
        await s.close();
      };
      // The statement the report repository runs and the plan SQLite makes for it, with the
      // statistics SQLite samples at 1,000,000 leads (as report-wide-range.test does).
      const read = async (fields: string[], from: number, to: number) => {
        const Db = (await import('better-sqlite3')).default;
        const db = new Db(url);
        try {
          withMillionLeadStats(db);
          const ran: { sql: string; params: readonly unknown[] }[] = [];
          const x = sqliteExec(() => db);
          const watched = {
            ...x,
            all: <R>(s: string, p: readonly unknown[] = []) => {
              if (s.startsWith('SELECT "owner_id" AS k0')) ran.push({ sql: s, params: p });
              return x.all<R>(s, p);
            },
          };
          const r = await reportRepo(watched, baseSpec, 'sqlite', 'en').aggregate(
            'lead',
            health(fields, from, to),
          );
          if (!r.ok) throw new Error(r.error.message);
          const plan = db.prepare(`EXPLAIN QUERY PLAN ${ran[0]!.sql}`).all(...ran[0]!.params) as {
            detail: string;
          }[];
          const rows = db.prepare('SELECT * FROM e_lead WHERE deleted_at IS NULL').all() as Row[];
          return {
            got: sorted(r.value),
            want: bruteForce(rows, fields, from, to),
            plan: plan.map((p) => p.detail).join('\n'),
          };
        } finally {
          db.close();
        }
      };
      const narrow =
        'CREATE INDEX "ix_e_lead__owner" ON "e_lead" ("owner_id", "created_at", "stage", "team_id", "deleted_at", "last_activity_at", "id")';
      // A quarter of the records' span (a wide period: not read through the created_at index).
      const [from, to] = [T0 + 10 * DAY, T0 + 55 * DAY];
      const before = await read(FIELDS, from, to);
      expect(ownerIndex()).toBe(narrow);
      expect(before.plan).not.toContain('COVERING INDEX');
      expect(before.plan).toContain('TEMP B-TREE FOR GROUP BY');
      expect(before.got).toEqual(before.want);
      // Every measure but the settled count (all of them) has records that count and some that do not.
      for (let i = 1; i < before.want[0]!.values.length - 1; i++) {
        const sum = before.want.reduce((a, g) => a + g.values[i]!, 0);
        expect(sum, `measure ${i}`).toBeGreaterThan(0);
        expect(sum, `measure ${i}`).toBeLessThan(45);
      }

      await sync(withHealth([{ fields: FIELDS }]));
      expect(ownerIndex()).toBe(
        narrow.replace(
          '"last_activity_at", "id")',
          '"last_activity_at", "sla_due_at", "phone", "source", "budget", "id")',
        ),
      );
      // Its statistics are taken again (dropping the old index dropped them).
      expect(
        sql((db) =>
          db.prepare(`SELECT stat FROM sqlite_stat1 WHERE idx = 'ix_e_lead__owner'`).all(),
        ),
      ).toHaveLength(1);
      const after = await read(FIELDS, from, to);
      expect(after.plan).toContain('USING COVERING INDEX ix_e_lead__owner');
      expect(after.plan).not.toContain('TEMP B-TREE');
      expect(after.got).toEqual(after.want);
      expect(after.got).toEqual(before.got);

      // Other fields: rebuilt with them; the read of the old fields is no longer covered, and
      // both stay exact.
      await sync(withHealth([{ fields: ['name', 'phone'] }]));
      expect(ownerIndex()).toBe(
        narrow.replace(
          '"last_activity_at", "id")',
          '"last_activity_at", "sla_due_at", "name", "phone", "id")',
        ),
      );
      const renamed = await read(['name', 'phone'], from, to);
      expect(renamed.plan).toContain('USING COVERING INDEX ix_e_lead__owner');
      expect(renamed.got).toEqual(renamed.want);
      const uncovered = await read(FIELDS, from, to);
      expect(uncovered.plan).not.toContain('COVERING INDEX');
      expect(uncovered.got).toEqual(before.want);

      // No widget any more: back to the narrow index.
      await sync(baseSpec);
      expect(ownerIndex()).toBe(narrow);
    },
  );
});
