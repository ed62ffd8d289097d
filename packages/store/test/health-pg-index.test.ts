import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AggregateQuery } from '../src/api/reports';
import { entityTable } from '../src/entity/entity-table';
import { openStore, type AppShape, type EntityShape } from '../src/index';
import { pgExec } from '../src/postgres/exec';
import { reportRepo } from '../src/sql/reports/report-repo';
import { baseSpec, leadEntity } from './fixtures';
import { itOnPostgres, itOnSqliteFile } from './on-databases';
import { writeWalks } from './report-walks';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const NOW = T0 + 90 * DAY;
const OPEN = ['new', 'qualified', 'trial'];
const FIELDS = ['phone', 'source', 'budget'];
const HEALTH = 'ix_e_lead__health';

/** `spec` with data health widgets on leads (`lead`: the entity, when not leadEntity). */
const withHealth = (fields: string[][], lead: EntityShape = leadEntity): AppShape => ({
  ...baseSpec,
  entities: [lead],
  dashboards: [{ widgets: fields.map((f) => ({ type: 'dataHealth', entity: 'lead', fields: f })) }],
});

/** leadEntity with `maxLength` set on the named text fields. */
const bounded = (lengths: Record<string, number>): EntityShape => ({
  ...leadEntity,
  fields: leadEntity.fields.map((f) =>
    f.key in lengths ? { ...f, maxLength: lengths[f.key]! } : f,
  ),
});

const healthIndex = (spec: AppShape, entity = spec.entities[0]!) =>
  entityTable(entity, spec).indexes.find((d) => d.name.endsWith('__health'));

const missing = (f: string) => ({ isEmpty: [{ var: f }] });

/** What the data health widget asks of a period (engine widgets/data-health.ts), per owner. */
const health = (fields: string[], from: number, to: number, scope?: unknown): AggregateQuery => ({
  filter: {
    and: [{ '>=': [{ var: 'createdAt' }, from] }, { '<': [{ var: 'createdAt' }, to] }],
  },
  ...(scope ? { scope } : {}),
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

/** The same numbers from every live row, in the test (`team`: only that team's records). */
function bruteForce(rows: Row[], fields: string[], from: number, to: number, team?: string) {
  const by = new Map<string | null, number[]>();
  for (const r of rows) {
    if (r.created_at < from || r.created_at >= to) continue;
    if (team !== undefined && r.team_id !== team) continue;
    const g = by.get(r.owner_id) ?? Array<number>(fields.length + 5).fill(0);
    g[0]! += 1;
    fields.forEach((f, i) => (g[i + 1]! += empty(r[f]) ? 0 : 1));
    g[fields.length + 1]! += empty(r.owner_id) ? 0 : 1;
    g[fields.length + 2]! += fields.some((f) => empty(r[f])) ? 1 : 0;
    const overdue = OPEN.includes(r.stage as string) && r.sla_due_at !== null;
    g[fields.length + 3]! += overdue && Number(r.sla_due_at) < NOW ? 1 : 0;
    g[fields.length + 4]! += r.created_at <= NOW - DAY ? 1 : 0;
    by.set(r.owner_id, g);
  }
  return sorted([...by].map(([k, values]) => ({ keys: [k], values })));
}

const sorted = <T extends { keys: unknown[] }>(x: T[]) =>
  [...x].sort((a, b) => String(a.keys[0]).localeCompare(String(b.keys[0])));

/** A bundled template's entities, pipelines and dashboards, as the store sees a spec. */
function template(name: string): AppShape {
  const part = <T>(file: string) =>
    (
      JSON.parse(
        readFileSync(
          join(import.meta.dirname, `../../../templates/${name}/spec/${file}.json`),
          'utf8',
        ),
      ) as Record<string, T>
    )[file]!;
  return {
    ...baseSpec,
    entities: part<AppShape['entities']>('entities'),
    pipelines: part<AppShape['pipelines']>('pipelines'),
    dashboards: part<AppShape['dashboards']>('dashboards'),
  } as AppShape;
}

describe("PostgreSQL's data health index", () => {
  it('holds the columns a data health read names, only for fields whose values it can hold', () => {
    expect(healthIndex(baseSpec)).toBeUndefined();
    expect(healthIndex(withHealth([FIELDS]))).toEqual({
      name: HEALTH,
      columns: ['created_at'],
      pgTail: ['owner_id', 'team_id', 'stage', 'sla_due_at', ...FIELDS],
      where: 'deleted_at IS NULL',
      pgOnly: true,
    });
    // Two widgets: the union, each column once.
    expect(
      healthIndex(
        withHealth([
          ['phone', 'ownerId'],
          ['source', 'phone'],
        ]),
      )?.pgTail,
    ).toEqual(['owner_id', 'team_id', 'stage', 'sla_due_at', 'phone', 'source']);
    // Text without a maxLength (1,000 characters: up to 4,000 bytes) or long text's 100,000:
    // an index row holds at most 2,704 bytes, so no index.
    expect(healthIndex(withHealth([['name', 'phone']]))).toBeUndefined();
    expect(healthIndex(withHealth([['notes']]))).toBeUndefined();
    // Bounded: 296 and 200 characters (4 bytes each at most) and a phone (16) are 2,000 bytes…
    const fit = bounded({ name: 296, notes: 200 });
    expect(healthIndex(withHealth([['name', 'notes', 'phone']], fit), fit)?.pgTail).toEqual([
      'owner_id',
      'team_id',
      'stage',
      'sla_due_at',
      'name',
      'notes',
      'phone',
    ]);
    // …one more character's bytes do not.
    const over = bounded({ name: 297, notes: 200 });
    expect(healthIndex(withHealth([['name', 'notes', 'phone']], over), over)).toBeUndefined();
    // A list field (JSON) never.
    expect(healthIndex(withHealth([['phone', 'tags']]))).toBeUndefined();
    // SQLite's owner index takes the fields all the same (it has no row size limit).
    const info = entityTable(leadEntity, withHealth([['name', 'phone']]));
    expect(info.indexes.find((d) => d.name.endsWith('__owner'))!.sqliteTail).toContain('name');
  });

  it("covers both bundled templates' 12-field widgets (education's lead, B2B's customer)", () => {
    const edu = template('education');
    const lead = edu.entities.find((e) => e.key === 'lead')!;
    const widget = edu
      .dashboards!.flatMap((d) => d.widgets)
      .find((w) => w.type === 'dataHealth' && w.entity === 'lead')!;
    expect(widget.fields).toHaveLength(12);
    expect(healthIndex(edu, lead)?.pgTail).toEqual([
      'owner_id',
      'team_id',
      'stage',
      'sla_due_at',
      ...widget.fields!,
    ]);
    // B2B's customer: the 18-character tax id and a 150-character address bounded, an email
    // at most 254 ASCII characters: 1,884 bytes. Unbounded, the tax id (1,000 characters)
    // kept the index away.
    const b2b = template('b2b-sales');
    const customer = b2b.entities.find((e) => e.key === 'customer')!;
    const measured = b2b
      .dashboards!.flatMap((d) => d.widgets)
      .find((w) => w.type === 'dataHealth' && w.entity === 'customer')!;
    expect(measured.fields).toHaveLength(12);
    expect(healthIndex(b2b, customer)?.pgTail).toEqual([
      'owner_id',
      'team_id',
      'stage',
      'sla_due_at',
      ...measured.fields!,
    ]);
    const unbounded: EntityShape = {
      ...customer,
      fields: customer.fields.map((f) => (f.key === 'taxId' ? { ...f, maxLength: undefined } : f)),
    };
    expect(healthIndex({ ...b2b, entities: [unbounded] }, unbounded)).toBeUndefined();
  });

  itOnSqliteFile('is not made on SQLite', async (url, sql) => {
    const store = await openStore({ url, locale: 'en' });
    await store.migrations.syncEntityTables(withHealth([FIELDS]));
    await store.close();
    const names = sql(
      (db) =>
        db.prepare(`SELECT name FROM sqlite_master WHERE tbl_name = 'e_lead'`).all() as {
          name: string;
        }[],
    ).map((r) => r.name);
    expect(names).toContain('ix_e_lead__owner');
    expect(names).not.toContain(HEALTH);
  });

  itOnPostgres(
    'is made at sync when a widget asks (reads use it alone), rebuilt and dropped with it',
    async (url, sql) => {
      const store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      await writeWalks(store, 0, 90, { t0: T0, everyMs: DAY, stepMs: 3_600_000, prefix: 'H' });
      // Fields filled on some leads, empty ('' or null) on others; SLA due times past and
      // future; open and closed stages; two teams; a deleted record.
      await sql((c) =>
        c.query(
          `UPDATE e_lead SET phone = CASE rid % 3 WHEN 0 THEN NULL WHEN 1 THEN '' ELSE '+86138' || rid END,
           source = CASE WHEN rid % 4 = 0 THEN NULL ELSE 'wechat' END,
           budget = CASE WHEN rid % 5 < 2 THEN rid * 100 END,
           name = CASE WHEN rid % 7 = 0 THEN '' ELSE name END,
           sla_due_at = CASE rid % 3 WHEN 0 THEN NULL WHEN 1 THEN ${NOW - DAY} ELSE ${NOW + DAY} END,
           stage = CASE rid % 4 WHEN 0 THEN 'won' WHEN 1 THEN 'new' WHEN 2 THEN 'trial' ELSE 'qualified' END,
           team_id = CASE WHEN rid % 2 = 0 THEN 'tech' END,
           deleted_at = CASE WHEN rid = 20 THEN ${NOW} END`,
        ),
      );
      const sync = async (spec: AppShape) => {
        const s = await openStore({ url, locale: 'en' });
        await s.migrations.syncEntityTables(spec);
        await s.close();
      };
      const indexDef = () =>
        sql(async (c) => {
          const r = await c.query<{ def: string }>(
            `SELECT indexdef AS def FROM pg_indexes WHERE indexname = $1`,
            [HEALTH],
          );
          return r.rows[0]?.def ?? null;
        });
      // The statement the report repository runs, its answer, and the plan PostgreSQL makes
      // for it when it may not read the table in order (a few hundred rows here: it would; at
      // 1,000,000 leads a quarter's quarter of the index is read, docs/reports.md): an index
      // only scan of the health index says the index holds every column the statement names.
      const read = (spec: AppShape, fields: string[], from: number, to: number, scope?: unknown) =>
        sql(async (c) => {
          await c.query('VACUUM (ANALYZE) e_lead');
          const ran: { sql: string; params: readonly unknown[] }[] = [];
          const x = pgExec(() => c);
          const watched = {
            ...x,
            all: <R>(s: string, p: readonly unknown[] = []) => {
              if (s.startsWith('SELECT "owner_id" AS k0')) ran.push({ sql: s, params: p });
              return x.all<R>(s, p);
            },
          };
          const r = await reportRepo(watched, spec, 'postgres', 'en').aggregate(
            'lead',
            health(fields, from, to, scope),
          );
          if (!r.ok) throw new Error(r.error.message);
          expect(ran).toHaveLength(1);
          await c.query('BEGIN');
          try {
            await c.query('SET LOCAL enable_seqscan = off');
            await c.query('SET LOCAL enable_bitmapscan = off');
            let n = 0;
            const numbered = ran[0]!.sql.replace(/\?/g, () => `$${++n}`);
            const plan = await c.query<{ 'QUERY PLAN': string }>(
              `EXPLAIN ${numbered}`,
              ran[0]!.params as unknown[],
            );
            const rows = await c.query<Row>('SELECT * FROM e_lead WHERE deleted_at IS NULL');
            return {
              got: sorted(r.value),
              rows: rows.rows.map((x) => ({ ...x, created_at: Number(x.created_at) })),
              plan: plan.rows.map((p) => p['QUERY PLAN']).join('\n'),
            };
          } finally {
            await c.query('ROLLBACK');
          }
        });
      const [from, to] = [T0 + 10 * DAY, T0 + 55 * DAY];
      const tech = { '==': [{ var: 'teamId' }, 'tech'] };

      const before = await read(baseSpec, FIELDS, from, to);
      expect(await indexDef()).toBeNull();
      expect(before.plan).not.toContain(HEALTH);
      expect(before.got).toEqual(bruteForce(before.rows, FIELDS, from, to));
      // Every measure but the settled count (all of them) has records that count and some that do not.
      const want = bruteForce(before.rows, FIELDS, from, to);
      for (let i = 1; i < want[0]!.values.length - 1; i++) {
        const sum = want.reduce((a, g) => a + g.values[i]!, 0);
        expect(sum, `measure ${i}`).toBeGreaterThan(0);
        expect(sum, `measure ${i}`).toBeLessThan(44);
      }

      const spec = withHealth([FIELDS]);
      await sync(spec);
      expect(await indexDef()).toBe(
        `CREATE INDEX ${HEALTH} ON public.e_lead USING btree (created_at NULLS FIRST, owner_id NULLS FIRST, team_id NULLS FIRST, stage NULLS FIRST, sla_due_at NULLS FIRST, phone NULLS FIRST, source NULLS FIRST, budget NULLS FIRST) WHERE (deleted_at IS NULL)`,
      );
      const after = await read(spec, FIELDS, from, to);
      expect(after.plan).toContain(`Index Only Scan using ${HEALTH} on e_lead`);
      expect(after.got).toEqual(before.got);
      // A supervisor's read (their team) too.
      const team = await read(spec, FIELDS, from, to, tech);
      expect(team.plan).toContain(`Index Only Scan using ${HEALTH} on e_lead`);
      expect(team.got).toEqual(bruteForce(team.rows, FIELDS, from, to, 'tech'));
      expect(team.got).not.toEqual(after.got);
      // A second sync keeps it as it is, and the other partial indexes (SLA, recycle bin):
      // pg_indexes prints their conditions in parentheses, which the comparison once took for
      // part of the column list, so every sync rebuilt them.
      const partial = [HEALTH, 'ix_e_lead__sla', 'ix_e_lead__deleted'];
      const oids = () =>
        sql(async (c) => {
          const out: unknown[] = [];
          for (const n of partial)
            out.push((await c.query(`SELECT $1::regclass::oid AS o`, [n])).rows[0]!.o);
          return out;
        });
      const built = await oids();
      await sync(spec);
      expect(await oids()).toEqual(built);

      // Other fields: rebuilt with them; a read of the old ones no longer covered, both exact.
      const named = withHealth([['name', 'phone']], bounded({ name: 50 }));
      await sync(named);
      expect(await indexDef()).toContain(
        'sla_due_at NULLS FIRST, name NULLS FIRST, phone NULLS FIRST) WHERE',
      );
      const renamed = await read(named, ['name', 'phone'], from, to);
      expect(renamed.plan).toContain(`Index Only Scan using ${HEALTH} on e_lead`);
      expect(renamed.got).toEqual(bruteForce(renamed.rows, ['name', 'phone'], from, to));
      const uncovered = await read(named, FIELDS, from, to);
      expect(uncovered.plan).not.toContain(`Index Only Scan using ${HEALTH}`);
      expect(uncovered.got).toEqual(before.got);

      // Values at their bounds are written (an index row over 2,704 bytes would fail the write):
      // 296 + 200 characters of 4 bytes each, all different (so not compressed), and a phone.
      const fit = bounded({ name: 296, notes: 200 });
      const wide = withHealth([['name', 'notes', 'phone']], fit);
      await sync(wide);
      expect(await indexDef()).toContain('name NULLS FIRST, notes NULLS FIRST, phone NULLS FIRST');
      const chars = (n: number, at: number) =>
        Array.from({ length: n }, (_, i) => String.fromCodePoint(0x20000 + at + i * 7)).join('');
      const long = await store.records(wide).insert('lead', {
        name: chars(296, 0),
        notes: chars(200, 5000),
        phone: '+861380013800012',
      });
      expect(long.ok).toBe(true);

      // No widget any more: the index is dropped.
      await sync(baseSpec);
      expect(await indexDef()).toBeNull();
      await store.close();
    },
    // 12 s alone at load ~10 (a VACUUM per read); 6 times that for the whole suite's load.
    90_000,
  );

  itOnPostgres(
    "is made for B2B's customer, holds a customer with every measured field at its bound, and a quarter's read uses it alone",
    async (url, sql) => {
      const spec = template('b2b-sales');
      const store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(spec);
      const index = 'ix_e_customer__health';
      const def = await sql(
        async (c) =>
          (
            await c.query<{ def: string }>(
              'SELECT indexdef AS def FROM pg_indexes WHERE indexname = $1',
              [index],
            )
          ).rows[0]?.def,
      );
      expect(def).toContain('"taxId" NULLS FIRST');
      // Each text at its maxLength in characters of 4 bytes, all different (not compressed),
      // the longest email (254 ASCII characters) and option values: the index row is written.
      const chars = (n: number, at: number) =>
        Array.from({ length: n }, (_, i) => String.fromCodePoint(0x20000 + at + i * 7)).join('');
      const email = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.cn`;
      expect(email).toHaveLength(254);
      const full = await store.records(spec).insert('customer', {
        companyName: chars(100, 0),
        taxId: chars(18, 1000),
        phone: '+861380013800012',
        contactName: chars(50, 2000),
        contactTitle: chars(50, 3000),
        contactLevel: 'purchasing',
        email,
        industry: 'manufacturing',
        companySize: 'xl',
        city: '330100',
        address: chars(150, 4000),
        firstChannel: 'wechatMp',
        createdAt: T0 + DAY,
      });
      expect(full.ok).toBe(true);
      const fields = spec
        .dashboards!.flatMap((d) => d.widgets)
        .find((w) => w.type === 'dataHealth' && w.entity === 'customer')!.fields!;
      const plan = await sql(async (c) => {
        const ran: { sql: string; params: readonly unknown[] }[] = [];
        const x = pgExec(() => c);
        const watched = {
          ...x,
          all: <R>(q: string, p: readonly unknown[] = []) => {
            if (q.startsWith('SELECT "owner_id" AS k0')) ran.push({ sql: q, params: p });
            return x.all<R>(q, p);
          },
        };
        const r = await reportRepo(watched, spec, 'postgres', 'en').aggregate(
          'customer',
          health([...fields], T0, T0 + 90 * DAY),
        );
        if (!r.ok) throw new Error(r.error.message);
        expect(r.value).toHaveLength(1);
        await c.query('VACUUM (ANALYZE) e_customer');
        await c.query('BEGIN');
        try {
          await c.query('SET LOCAL enable_seqscan = off');
          await c.query('SET LOCAL enable_bitmapscan = off');
          let n = 0;
          const numbered = ran[0]!.sql.replace(/\?/g, () => `$${++n}`);
          const rows = await c.query<{ 'QUERY PLAN': string }>(
            `EXPLAIN ${numbered}`,
            ran[0]!.params as unknown[],
          );
          return rows.rows.map((p) => p['QUERY PLAN']).join('\n');
        } finally {
          await c.query('ROLLBACK');
        }
      });
      expect(plan).toContain(`Index Only Scan using ${index} on e_customer`);
      await store.close();
    },
    60_000,
  );
});
