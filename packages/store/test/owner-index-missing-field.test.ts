import { describe, expect } from 'vitest';
import { openStore, type AppShape } from '../src/index';
import { baseSpec, leadEntity } from './fixtures';
import { itOnSqliteFile } from './on-databases';

/**
 * A data health widget measuring a field the kept table does not hold yet (a spec's new field
 * before its migration): the owner index is rebuilt at sync with the columns the table holds —
 * the health columns it can, and the id that a rep's funnel reads — instead of being left as an
 * older version made it; the migration that adds the field widens it.
 */
describe("SQLite's owner index at sync, a measured field missing from the table", () => {
  itOnSqliteFile(
    'is rebuilt without the missing column, and with it once it is there',
    async (url, sql) => {
      const store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      await store.close();
      const ownerIndex = () =>
        sql(
          (db) =>
            (
              db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'ix_e_lead__owner'`).get() as {
                sql: string;
              }
            ).sql,
        );
      // What an older version made: no data health columns, no id.
      sql((db) =>
        db.exec(
          `DROP INDEX ix_e_lead__owner; CREATE INDEX "ix_e_lead__owner" ON "e_lead" ("owner_id", "created_at", "stage", "team_id", "deleted_at", "last_activity_at")`,
        ),
      );
      const spec: AppShape = {
        ...baseSpec,
        entities: [
          { ...leadEntity, fields: [...leadEntity.fields, { key: 'grade', type: 'text' }] },
        ],
        dashboards: [
          { widgets: [{ type: 'dataHealth', entity: 'lead', fields: ['phone', 'grade'] }] },
        ],
      };
      const sync = async () => {
        const s = await openStore({ url, locale: 'en' });
        await s.migrations.syncEntityTables(spec);
        await s.close();
      };
      const head =
        'CREATE INDEX "ix_e_lead__owner" ON "e_lead" ("owner_id", "created_at", "stage", "team_id", "deleted_at", "last_activity_at", "sla_due_at", "phone"';
      await sync();
      expect(ownerIndex()).toBe(`${head}, "id")`);
      // Nothing changes at the next start.
      const before = sql((db) => db.prepare('PRAGMA schema_version').pluck().get());
      await sync();
      expect(sql((db) => db.prepare('PRAGMA schema_version').pluck().get())).toBe(before);
      // The column added (the migration's step): the next sync widens it.
      sql((db) => db.exec('ALTER TABLE e_lead ADD COLUMN "grade" text'));
      await sync();
      expect(ownerIndex()).toBe(`${head}, "grade", "id")`);
    },
  );
});
