import { describe, expect } from 'vitest';
import { openStore, type AppShape } from '../src/index';
import { baseSpec, leadEntity } from './fixtures';
import { itOnPostgres, itOnSqliteFile } from './on-databases';

/** Identity by phone, email or city; city is also indexed for lists (fixtures.ts). */
const spec: AppShape = {
  ...baseSpec,
  entities: [{ ...leadEntity, identity: [['phone'], ['email'], ['city']] }],
};

/** Two leads without phone, email or city, one with all three. */
async function seed(url: string) {
  const store = await openStore({ url, locale: 'en' });
  await store.migrations.syncEntityTables(spec);
  const repo = store.records(spec);
  for (const name of ['a', 'b'])
    if (!(await repo.insert('lead', { name })).ok) throw new Error('insert');
  const full = await repo.insert('lead', {
    name: 'c',
    phone: '+8613800138000',
    email: 'c@example.com',
    city: '330100',
  });
  if (!full.ok) throw new Error('insert');
  return { store, repo, id: full.value.id };
}

/**
 * An identity index holds only records with the whole key: a record created without it (most
 * leads have no WeChat id) writes no entry and no page of it. Identity look-ups compare with `=`
 * and still find the record through it; a field indexed for lists keeps a full index (its sorts
 * use it).
 */
describe('identity indexes hold records with the whole key only', () => {
  itOnSqliteFile(
    'SQLite: entries, definitions, the look-up plan and its matches',
    async (url, sql) => {
      const { store, repo, id } = await seed(url);
      const matches = await repo.findByIdentity('lead', { phone: '+8613800138000' });
      expect(matches.map((m) => [m.key, m.record.id])).toEqual([[['phone'], id]]);
      expect(await repo.findByIdentity('lead', { phone: null, email: '' })).toEqual([]);
      await store.close();
      sql((db) => {
        const cells = (name: string) =>
          (
            db.prepare('SELECT sum(ncell) AS n FROM dbstat WHERE name = ?').get(name) as {
              n: number;
            }
          ).n;
        expect(cells('ix_e_lead__idn_phone')).toBe(1);
        expect(cells('ix_e_lead__idn_email')).toBe(1);
        expect(cells('ix_e_lead__idn_city')).toBe(3);
        const plan = (
          db
            .prepare(
              'EXPLAIN QUERY PLAN SELECT id FROM "e_lead" WHERE "email" = ? AND deleted_at IS NULL ORDER BY created_at LIMIT 20',
            )
            .all('c@example.com') as { detail: string }[]
        )
          .map((p) => p.detail)
          .join('; ');
        expect(plan).toMatch(/SEARCH e_lead USING INDEX ix_e_lead__idn_email \(email=\?\)/);
      });
    },
  );

  itOnPostgres('PostgreSQL: definitions and matches', async (url, sql) => {
    const { store, repo, id } = await seed(url);
    const matches = await repo.findByIdentity('lead', { email: 'c@example.com' });
    expect(matches.map((m) => [m.key, m.record.id])).toEqual([[['email'], id]]);
    await store.close();
    const defs = await sql(async (c) => {
      const r = await c.query<{ indexname: string; indexdef: string }>(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'e_lead' AND indexname LIKE '%idn%'",
      );
      return Object.fromEntries(r.rows.map((x) => [x.indexname, x.indexdef]));
    });
    expect(defs['ix_e_lead__idn_phone']).toMatch(/WHERE \(phone IS NOT NULL\)$/);
    expect(defs['ix_e_lead__idn_email']).toMatch(/WHERE \(email IS NOT NULL\)$/);
    expect(defs['ix_e_lead__idn_city']).not.toMatch(/WHERE/);
  });
});
