import { afterEach, describe, expect, it } from 'vitest';
import { createRecordStore, openDatabase, specVersions } from '../sync-sqlite';
import type { AppShape } from '../index';
import type { StoreDb } from '../sync-sqlite';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });

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

let db: StoreDb;
afterEach(() => db?.close());

describe('specVersions', () => {
  it('adds no version for a spec equal to the live one, whatever its key order', () => {
    db = openDatabase(':memory:');
    const versions = specVersions(db);
    expect(versions.publish({ spec: spec(), now: 10 })).toMatchObject({
      ok: true,
      version: 1,
      unchanged: false,
    });
    const reordered = Object.fromEntries(Object.entries(spec()).reverse());
    const again = versions.publish({ spec: reordered, now: 20 });
    expect(again).toMatchObject({
      ok: true,
      version: 1,
      unchanged: true,
      summary: { steps: 0 },
      changes: { diff: [] },
    });
    // Restoring the live version is the same no-op; a real change still makes a version.
    expect(versions.restore(1, { now: 30 })).toMatchObject({
      ok: true,
      version: 1,
      unchanged: true,
    });
    expect(versions.publish({ spec: spec([BUDGET]), now: 40 })).toMatchObject({
      ok: true,
      version: 2,
      unchanged: false,
    });
    expect(versions.restore(1, { now: 50 })).toMatchObject({
      ok: true,
      version: 3,
      unchanged: false,
    });
    expect(versions.list().map((v) => v.version)).toEqual([3, 2, 1]);
  });

  it('publishes the draft, mirrors teams and lists versions', () => {
    db = openDatabase(':memory:');
    const versions = specVersions(db);
    expect(versions.publish({ locale: 'en' })).toMatchObject({
      ok: false,
      errors: [{ code: 'no_draft' }],
    });
    versions.saveDraft(spec(), { by: 'u1', now: 10 });
    expect(versions.getDraft()).toMatchObject({
      baseVersion: null,
      updatedBy: 'u1',
      updatedAt: 10,
    });
    const first = versions.publish({ by: 'u1', note: 'first', now: 20 });
    expect(first).toMatchObject({ ok: true, version: 1, summary: { steps: 1 } });
    // A published draft is cleared; a new draft starts from version 1.
    expect(versions.getDraft()).toBeNull();
    expect(versions.saveDraft(spec(), { now: 21 })).toMatchObject({ draft: { baseVersion: 1 } });
    expect(db.sqlite.prepare('SELECT key, label, parent_key FROM teams').all()).toEqual([
      { key: 'tech', label: '{"zh-CN":"技术","en":"Tech"}', parent_key: null },
    ]);

    const second = versions.publish({
      spec: spec(
        [BUDGET],
        [
          { key: 'sales', label: L('销售', 'Sales') },
          { key: 'east', label: L('华东', 'East'), parent: 'sales' },
        ],
      ),
      now: 30,
    });
    expect(second).toMatchObject({ ok: true, version: 2, changes: { teamsRemoved: ['tech'] } });
    const diff = second.ok
      ? second.changes.diff.map((c) => `${c.kind}:${c.op}:${c.key}`).sort()
      : [];
    expect(diff).toEqual([
      'field:added:budget',
      'team:added:east',
      'team:added:sales',
      'team:removed:tech',
    ]);
    expect(db.sqlite.prepare('SELECT key, parent_key FROM teams ORDER BY key').all()).toEqual([
      { key: 'east', parent_key: 'sales' },
      { key: 'sales', parent_key: null },
    ]);
    expect(versions.list().map((v) => [v.version, v.publishedAt, v.note])).toEqual([
      [2, 30, null],
      [1, 20, 'first'],
    ]);
    expect(versions.live()?.version).toBe(2);
    expect(versions.get(1)?.spec.entities[0]?.fields.map((f) => f.key)).toEqual(['name', 'phone']);
  });

  it('refuses an invalid spec with the validator errors and writes nothing', () => {
    db = openDatabase(':memory:');
    const versions = specVersions(db);
    const res = versions.publish({ spec: { ...spec(), entities: [] }, locale: 'en' });
    expect(res.ok).toBe(false);
    expect(res.ok ? [] : res.errors.length).toBeGreaterThan(0);
    expect(versions.list()).toEqual([]);
  });

  it('refuses a publish with an unresolved blocking warning and accepts it with a resolution', () => {
    db = openDatabase(':memory:');
    const versions = specVersions(db);
    expect(versions.publish({ spec: spec([BUDGET]) }).ok).toBe(true);
    const store = createRecordStore(db, spec([BUDGET]) as unknown as AppShape);
    store.insert('lead', { name: 'a', budget: 100 });
    store.insert('lead', { name: 'b' });
    const required = spec([{ ...BUDGET, required: true }]);
    const preview = versions.preview(required, { locale: 'en' });
    expect(preview).toMatchObject({
      ok: true,
      plan: { blocking: ['required_missing:lead.budget'] },
    });
    const refused = versions.publish({ spec: required, locale: 'en' });
    expect(refused).toMatchObject({
      ok: false,
      errors: [{ code: 'migration_blocked' }],
      plan: { blocking: ['required_missing:lead.budget'] },
    });
    expect(refused.ok ? '' : refused.errors[0]?.message).toContain(
      '`budget` becomes required: 1 records have no value',
    );
    expect(versions.list()).toHaveLength(1);
    const ok = versions.publish({
      spec: required,
      resolutions: { 'required_missing:lead.budget': { kind: 'default', value: 0 } },
    });
    expect(ok).toMatchObject({ ok: true, version: 2, summary: { filledValues: 1 } });
    expect(versions.get(2)?.changes?.resolutions).toEqual({
      'required_missing:lead.budget': { kind: 'default', value: 0 },
    });
  });

  it('restores an earlier version through the same path, bringing archived values back', () => {
    db = openDatabase(':memory:');
    const versions = specVersions(db);
    expect(versions.publish({ spec: spec([BUDGET]) }).ok).toBe(true);
    const store = createRecordStore(db, spec([BUDGET]) as unknown as AppShape);
    const rec = store.insert('lead', { name: 'a', budget: 12300 });
    expect(versions.publish({ spec: spec() })).toMatchObject({
      ok: true,
      version: 2,
      plan: { warnings: [{ code: 'field_removed', counts: { affected: 1 } }] },
    });
    const restored = versions.restore(1);
    expect(restored).toMatchObject({ ok: true, version: 3, changes: { restoredFrom: 1 } });
    expect(versions.list()[0]).toMatchObject({ version: 3, note: 'restore v1' });
    const back = createRecordStore(db, spec([BUDGET]) as unknown as AppShape);
    expect(rec.ok && back.get('lead', rec.value.id)?.budget).toBe(12300);
    expect(versions.restore(99, { locale: 'en' })).toMatchObject({
      ok: false,
      errors: [{ code: 'unknown_version' }],
    });
  });
});
