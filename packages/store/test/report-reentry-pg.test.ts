import { describe, expect } from 'vitest';
import { openStore } from '../src/index';
import { baseSpec } from './fixtures';
import { itOnPostgres } from './on-databases';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 27, 5);

/** Every day and month group row of leads, with its row version (xmin: rewritten or not). */
const GROUPS = `SELECT 'd' || day || '|' || owner_id || '|' || stage || '|' || entered || '|' || records || '|' || sum_created AS k, xmin::text AS v FROM report_cohorts WHERE entity = 'lead'
  UNION ALL SELECT 'm' || month || '|' || owner_id || '|' || stage || '|' || entered || '|' || records || '|' || sum_created, xmin::text FROM report_cohort_months WHERE entity = 'lead' ORDER BY 1`;

describe('PostgreSQL: a transition that leaves the stage set', () => {
  itOnPostgres(
    'moves no group (a re-entry, a duplicate entry removed); one that changes the set moves it',
    async (url, sql) => {
      const store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      const r = await store
        .records(baseSpec)
        .insert('lead', { name: 'R', ownerId: 'u1', createdAt: T0 }, { now: T0 });
      if (!r.ok) throw new Error(r.error.message);
      const move = (toStage: string, k: number) =>
        store.transitions.append({
          entity: 'lead',
          recordId: r.value.id,
          fromStage: null,
          toStage,
          actorId: null,
          via: 'test',
          at: T0 + k * DAY,
          dwellMs: null,
        });
      const groups = () => sql(async (c) => (await c.query<{ k: string; v: string }>(GROUPS)).rows);
      const entered = () =>
        sql(
          async (c) =>
            (await c.query<{ e: string }>(`SELECT entered AS e FROM report_rows`)).rows[0]!.e,
        );
      await move('new', 0);
      await move('qualified', 1);
      const two = await groups();
      expect(await entered()).toBe('new,qualified');
      // One record: a day group and a month group, the record counted once in each.
      expect(two.map((g) => g.k)).toEqual([
        `d${Math.floor(T0 / DAY)}|u1|${two[0]!.k.split('|')[2]}|new,qualified|1|${T0}`,
        expect.stringMatching(new RegExp(`^m\\d+\\|u1\\|[^|]*\\|new,qualified\\|1\\|${T0}$`)),
      ]);

      // Back to new (a re-entry): the set is the same, its groups are not written.
      await move('new', 2);
      expect(await groups()).toEqual(two);
      expect(await entered()).toBe('new,qualified');

      // Into trial: the set changes, the record moves to the new set's groups.
      await move('trial', 3);
      const three = await groups();
      expect(await entered()).toBe('new,qualified,trial');
      expect(three.map((g) => g.k.split('|')[3])).toEqual([
        'new,qualified,trial',
        'new,qualified,trial',
      ]);

      // Removing the second entry into new leaves the set; removing trial's changes it back.
      const ids = await sql(
        async (c) =>
          (
            await c.query<{ id: string; to: string }>(
              `SELECT id, to_stage AS to FROM stage_transitions ORDER BY at`,
            )
          ).rows,
      );
      await sql((c) => c.query(`DELETE FROM stage_transitions WHERE id = $1`, [ids[2]!.id]));
      expect(await groups()).toEqual(three);
      await sql((c) => c.query(`DELETE FROM stage_transitions WHERE id = $1`, [ids[3]!.id]));
      expect(await entered()).toBe('new,qualified');
      expect((await groups()).map((g) => g.k)).toEqual(two.map((g) => g.k));
      await store.close();
    },
  );
});
