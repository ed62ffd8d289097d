import { describe, expect, it } from 'vitest';
import { useStore, type StoreFactory } from './factory';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** A valid app spec with a lead entity (and the extra fields given). */
function spec(
  extraFields: object[] = [],
  teams: object[] = [{ key: 'tech', label: L('技术', 'Tech') }],
) {
  return {
    specVersion: 1,
    name: L('测试', 'Test'),
    locales: ['zh-CN', 'en'],
    defaultLocale: 'zh-CN',
    entities: [
      {
        key: 'lead',
        label: L('线索', 'Lead'),
        titleField: 'name',
        identity: [['phone']],
        fields: [
          { key: 'name', type: 'text', label: L('姓名', 'Name'), required: true },
          { key: 'phone', type: 'phone', label: L('电话', 'Phone') },
          ...extraFields,
        ],
      },
    ],
    teams,
  };
}
const BUDGET = { key: 'budget', type: 'money', label: L('预算', 'Budget'), currency: 'CNY' };
const REQUIRED_CITY = { key: 'city', type: 'text', label: L('城市', 'City'), required: true };

/** Spec versions, drafts, publishing with migrations, and raw table data. */
export function specsContract(factory: StoreFactory): void {
  const ctx = useStore(factory, { spec: { entities: [] } });

  describe(`${factory.dialect}: spec versions and migrations`, () => {
    it('publishes specs as versions, creating and changing the tables, and restores old ones', async () => {
      const specs = ctx.store.specs;
      expect(await specs.live()).toBeNull();
      expect(await specs.liveVersion()).toBeNull();
      const epoch = specs.epoch();
      expect(await specs.publish({ spec: spec(), now: 10, by: 'u1', locale: 'en' })).toMatchObject({
        ok: true,
        version: 1,
        unchanged: false,
      });
      expect(specs.epoch()).toBeGreaterThan(epoch);
      expect(await specs.liveVersion()).toBe(1);
      const live = (await specs.live())!;
      expect(live).toMatchObject({ version: 1, publishedAt: 10, publishedBy: 'u1' });
      const records = ctx.store.records(live.spec);
      expect(await records.insert('lead', { name: '王', phone: '+8613800138000' })).toMatchObject({
        ok: true,
      });
      expect(await ctx.store.teams.exists('tech')).toBe(true);
      // The same spec again adds no version.
      expect(await specs.publish({ spec: spec(), now: 20 })).toMatchObject({
        ok: true,
        version: 1,
        unchanged: true,
      });
      const v2 = await specs.publish({ spec: spec([BUDGET], []), now: 30, note: 'budget' });
      expect(v2).toMatchObject({ ok: true, version: 2, changes: { teamsRemoved: ['tech'] } });
      const next = (await specs.get(2))!;
      expect(await ctx.store.records(next.spec).list('lead')).toMatchObject({
        ok: true,
        value: { records: [{ name: '王', budget: null }] },
      });
      expect((await specs.list()).map((v) => [v.version, v.note])).toEqual([
        [2, 'budget'],
        [1, null],
      ]);
      expect(await specs.restore(1, { now: 40 })).toMatchObject({ ok: true, version: 3 });
      expect(await specs.restore(9, { locale: 'en' })).toMatchObject({
        ok: false,
        errors: [{ code: 'unknown_version' }],
      });
    });

    it('refuses an invalid spec and a blocking migration without writing, and previews the plan', async () => {
      const specs = ctx.store.specs;
      const bad = await specs.publish({ spec: { entities: 'no' }, locale: 'en' });
      expect(bad.ok).toBe(false);
      expect(await specs.liveVersion()).toBeNull();
      await specs.publish({ spec: spec() });
      const live = (await specs.live())!;
      await ctx.store.records(live.spec).insert('lead', { name: 'a' });
      const preview = await specs.preview(spec([REQUIRED_CITY]), { locale: 'en' });
      expect(preview).toMatchObject({
        ok: true,
        plan: {
          blocking: ['required_missing:lead.city'],
          warnings: [{ code: 'required_missing', counts: { affected: 1, total: 1 } }],
        },
      });
      const refused = await specs.publish({ spec: spec([REQUIRED_CITY]), locale: 'en' });
      expect(refused).toMatchObject({ ok: false, errors: [{ code: 'migration_blocked' }] });
      expect(await specs.liveVersion()).toBe(1);
      const resolved = await specs.publish({
        spec: spec([REQUIRED_CITY]),
        resolutions: { 'required_missing:lead.city': { kind: 'default', value: '杭州' } },
      });
      expect(resolved).toMatchObject({ ok: true, version: 2, summary: { filledValues: 1 } });
    });

    it('counts in the plan the open records before a stage that newly needs a field', async () => {
      const specs = ctx.store.specs;
      const withPipeline = (requires: string[]) => ({
        ...spec([BUDGET]),
        pipelines: [
          {
            key: 'sales',
            entity: 'lead',
            label: L('销售', 'Sales'),
            stages: [
              { key: 'new', label: L('新', 'New'), category: 'open' },
              {
                key: 'trial',
                label: L('试听', 'Trial'),
                category: 'open',
                ...(requires.length ? { requires } : {}),
              },
              { key: 'won', label: L('成交', 'Won'), category: 'won' },
            ],
          },
        ],
      });
      const first = await specs.publish({ spec: withPipeline([]), locale: 'en' });
      expect(first, JSON.stringify(first)).toMatchObject({ ok: true });
      const live = (await specs.live())!;
      for (const [name, stage, budget] of [
        ['a', 'new', null],
        ['b', 'new', 100],
        ['c', 'trial', null],
        ['d', 'won', null],
      ] as const)
        await ctx.store.records(live.spec).insert('lead', { name, stage, budget });
      const preview = await specs.preview(withPipeline(['budget']), { locale: 'en' });
      expect(preview).toMatchObject({
        ok: true,
        plan: {
          blocking: [],
          warnings: [
            {
              id: 'stage_requires_missing:lead.budget@trial',
              counts: { affected: 1, total: 4 },
              blocking: false,
            },
          ],
        },
      });
    });

    it('keeps one draft, publishes it, and plans migrations without applying them', async () => {
      const specs = ctx.store.specs;
      expect(await specs.getDraft()).toBeNull();
      expect(await specs.publish({ locale: 'en' })).toMatchObject({
        ok: false,
        errors: [{ code: 'no_draft' }],
      });
      await specs.saveDraft({ half: 'done' }, { by: 'u1', now: 5 });
      expect(await specs.getDraft()).toEqual({
        spec: { half: 'done' },
        baseVersion: null,
        updatedAt: 5,
        updatedBy: 'u1',
      });
      // The revision (updatedAt) rises with every save, even when the clock does not.
      const second = await specs.saveDraft(spec(), { now: 5, ifRevision: 5 });
      expect(second).toMatchObject({ ok: true, draft: { updatedAt: 6 } });
      // A builder who loaded revision 5 does not overwrite revision 6: they get the current draft.
      expect(await specs.saveDraft({ stale: true }, { now: 7, ifRevision: 5 })).toMatchObject({
        ok: false,
        current: { updatedAt: 6, spec: spec() },
      });
      expect(await specs.publish({ ifDraftRevision: 5, locale: 'en' })).toMatchObject({
        ok: false,
        errors: [{ code: 'draft_changed' }],
      });
      expect(await specs.liveVersion()).toBeNull();
      expect(await specs.publish({ ifDraftRevision: 6 })).toMatchObject({ ok: true, version: 1 });
      // A published draft is cleared.
      expect(await specs.getDraft()).toBeNull();
      // Revision 0: save only when nobody has started a draft meanwhile.
      expect(await specs.saveDraft(spec(), { now: 8, ifRevision: 0 })).toMatchObject({ ok: true });
      expect(await specs.saveDraft(spec(), { now: 9, ifRevision: 0 })).toMatchObject({
        ok: false,
        current: { updatedAt: 8 },
      });
      await specs.discardDraft();
      const live = (await specs.live())!.spec;
      const plan = await ctx.store.migrations.plan(live, spec([BUDGET]) as never);
      expect(plan.steps.map((s) => s.kind)).toContain('addField');
      expect(await ctx.store.migrations.apply(plan)).toMatchObject({ ok: true });
      const again = await ctx.store.migrations.plan(
        spec([BUDGET]) as never,
        spec([BUDGET]) as never,
      );
      expect(again.steps.filter((s) => s.kind !== 'syncIndexes')).toEqual([]);
    });

    it('lists its tables and their rows', async () => {
      await ctx.store.specs.publish({ spec: spec() });
      const names = await ctx.store.tables.names();
      for (const t of ['users', 'outbox', 'spec_versions', 'e_lead']) expect(names).toContain(t);
      expect(await ctx.store.tables.count('spec_versions')).toBe(1);
      expect(await ctx.store.tables.rows('teams')).toMatchObject([{ key: 'tech' }]);
      await expect(ctx.store.tables.count('users; DROP TABLE users')).rejects.toThrow();
    });

    it('remembers each installed template with the spec of its installed version', async () => {
      const t = ctx.store.templates;
      expect(await t.get('education')).toBeNull();
      const v1 = { name: 'education', version: '1.0.0', spec: spec(), specVersion: 1 };
      await t.put({ ...v1, installedAt: 10, installedBy: 'u1' });
      await ctx.store.transaction(async (tx) =>
        tx.templates.put({
          ...v1,
          name: 'b2b-sales',
          specVersion: null,
          installedAt: 11,
          installedBy: null,
        }),
      );
      expect(await t.get('education')).toEqual({ ...v1, installedAt: 10, installedBy: 'u1' });
      // An upgrade replaces the row: the new version's spec is the base of the next merge.
      await t.put({
        ...v1,
        version: '1.1.0',
        spec: spec([BUDGET]),
        specVersion: 2,
        installedAt: 20,
        installedBy: 'u2',
      });
      expect(await t.get('education')).toMatchObject({
        version: '1.1.0',
        specVersion: 2,
        spec: spec([BUDGET]),
      });
      expect((await t.list()).map((i) => [i.name, i.version, i.specVersion])).toEqual([
        ['b2b-sales', '1.0.0', null],
        ['education', '1.1.0', 2],
      ]);
    });
  });
}
