import { afterEach, describe, expect, it } from 'vitest';
import { planMigration } from '../index';
import { applyMigration, createRecordStore, openDatabase } from '../sync-sqlite';
import type { AppShape, EntityShape, FieldShape } from '../index';
import type { StoreDb } from '../sync-sqlite';

const lead = (fields: FieldShape[], extra: Partial<EntityShape> = {}): AppShape => ({
  entities: [
    {
      key: 'lead',
      titleField: 'name',
      identity: [['phone']],
      fields: [{ key: 'name', type: 'text' }, { key: 'phone', type: 'phone' }, ...fields],
      ...extra,
    },
  ],
});
const SOURCE: FieldShape = {
  key: 'source',
  type: 'select',
  options: [{ value: 'douyin' }, { value: 'wechat' }, { value: 'website' }],
};

let db: StoreDb;
afterEach(() => db?.close());

/** Publishes `spec` from scratch and inserts `rows`. */
function seed(spec: AppShape, rows: Record<string, unknown>[]): void {
  db = openDatabase(':memory:');
  const first = applyMigration(planMigration(null, spec, db), db);
  expect(first.ok).toBe(true);
  const store = createRecordStore(db, spec);
  for (const r of rows) expect(store.insert('lead', r).ok).toBe(true);
}
const values = (field: string): unknown[] =>
  (
    db.sqlite.prepare(`SELECT "${field}" AS v FROM e_lead ORDER BY rid`).all() as { v: unknown }[]
  ).map((r) => r.v);
const columns = (): string[] =>
  (db.sqlite.prepare('PRAGMA table_info(e_lead)').all() as { name: string }[]).map((c) => c.name);

describe('planMigration', () => {
  it('creates tables on first publish with no warnings', () => {
    db = openDatabase(':memory:');
    const plan = planMigration(null, lead([SOURCE]), db);
    expect(plan.steps).toEqual([{ kind: 'createEntity', entity: 'lead' }]);
    expect(plan.warnings).toEqual([]);
  });

  it('counts the open records before a stage that newly needs a field and lack it, without blocking', () => {
    const stages = (requires: string[]) => [
      { key: 'new' },
      { key: 'qualified', category: 'open' },
      { key: 'trial', requires },
      { key: 'won', category: 'won' },
      { key: 'lost', category: 'lost' },
    ];
    const withPipeline = (fields: FieldShape[], requires: string[]): AppShape => ({
      ...lead([{ key: 'wechat', type: 'text' }, ...fields]),
      pipelines: [{ key: 'sales', entity: 'lead', stages: stages(requires) }],
    });
    const v1 = withPipeline([], []);
    seed(
      v1,
      ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => ({ name })),
    );
    const set = db.sqlite.prepare('UPDATE e_lead SET stage = ?, wechat = ? WHERE name = ?');
    for (const [name, stage, wechat] of [
      ['a', 'new', null],
      ['b', 'new', 'b-wx'], // has it: not asked
      ['c', 'qualified', ''],
      ['d', 'trial', null], // in the stage already: not asked again
      ['e', 'lost', null], // closed
      ['f', 'new', null],
    ])
      set.run(stage, wechat, name);
    db.sqlite.prepare("UPDATE e_lead SET deleted_at = 1 WHERE name = 'f'").run(); // in the bin

    const plan = planMigration(v1, withPipeline([], ['wechat']), db);
    expect(plan.blocking).toEqual([]);
    expect(plan.warnings).toEqual([
      expect.objectContaining({
        id: 'stage_requires_missing:lead.wechat@trial',
        code: 'stage_requires_missing',
        field: 'wechat',
        stage: 'trial',
        counts: { affected: 2, total: 5 },
        blocking: false,
        message: {
          en: 'stage `trial` now needs `wechat`: 2 records in earlier stages have no value and will be asked for it when they move in',
          'zh-CN':
            '阶段「trial」新增必填「wechat」：之前阶段中有 2 条记录没有值，进入该阶段时需要补填',
        },
      }),
    ]);
    expect(applyMigration(plan, db).ok).toBe(true);

    // A field added in the same publish: every open record before the stage lacks it.
    const school = planMigration(
      withPipeline([], ['wechat']),
      withPipeline([{ key: 'school', type: 'text' }], ['wechat', 'school']),
      db,
    );
    expect(school.warnings.map((w) => [w.id, w.counts.affected])).toEqual([
      ['stage_requires_missing:lead.school@trial', 3],
    ]);
  });

  it('adds an optional field without warnings', () => {
    const v1 = lead([]);
    seed(v1, [{ name: 'a' }, { name: 'b' }]);
    const plan = planMigration(v1, lead([{ key: 'notes', type: 'longtext' }]), db);
    expect(plan.steps).toContainEqual({
      kind: 'addField',
      entity: 'lead',
      field: 'notes',
      sqlType: 'text',
    });
    expect(plan.warnings).toEqual([]);
    expect(applyMigration(plan, db).ok).toBe(true);
    expect(columns()).toContain('notes');
  });

  it('measures a new required field and refuses to publish until a resolution is chosen', () => {
    const v1 = lead([]);
    seed(v1, [{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    db.sqlite.prepare("UPDATE e_lead SET deleted_at = 1 WHERE name = 'c'").run(); // in the bin: not counted
    const v2 = lead([{ key: 'budget', type: 'money', required: true, default: 500000 }]);
    const plan = planMigration(v1, v2, db);
    expect(plan.blocking).toEqual(['required_missing:lead.budget']);
    expect(plan.warnings[0]).toMatchObject({
      code: 'required_missing',
      field: 'budget',
      counts: { affected: 2, total: 2 },
      blocking: true,
      resolutions: ['default', 'keepForOld'],
      suggestedValue: 500000,
      message: {
        en: '`budget` becomes required: 2 records have no value',
        'zh-CN': '「budget」改为必填：2 条记录没有值',
      },
    });
    const refused = applyMigration(plan, db, {}, { locale: 'en' });
    expect(refused).toMatchObject({
      ok: false,
      errors: [{ code: 'migration_blocked', path: '/resolutions/required_missing:lead.budget' }],
    });
    expect(columns()).not.toContain('budget'); // nothing written
    const badDefault = applyMigration(plan, db, {
      'required_missing:lead.budget': { kind: 'default', value: 'lots' },
    });
    expect(badDefault).toMatchObject({ ok: false, errors: [{ code: 'invalid_resolution' }] });
    const done = applyMigration(plan, db, {
      'required_missing:lead.budget': { kind: 'default', value: 500000 },
    });
    expect(done).toMatchObject({ ok: true, summary: { filledValues: 2 } });
    expect(values('budget')).toEqual([500000, 500000, null]);
  });

  it('counts empty values when an existing field becomes required; keepForOld leaves them', () => {
    const v1 = lead([{ key: 'city', type: 'region' }]);
    seed(v1, [
      { name: 'a', city: '330106' },
      { name: 'b' },
      { name: 'c', city: '' },
      { name: 'd' },
    ]);
    const plan = planMigration(v1, lead([{ key: 'city', type: 'region', required: true }]), db);
    expect(plan.warnings.map((w) => [w.id, w.counts.affected])).toEqual([
      ['required_missing:lead.city', 3],
    ]);
    expect(
      applyMigration(plan, db, { 'required_missing:lead.city': { kind: 'keepForOld' } }).ok,
    ).toBe(true);
    expect(values('city')).toEqual(['330106', null, '', null]);
    // Already required: no new warning on the next publish.
    const again = lead([{ key: 'city', type: 'region', required: true }]);
    expect(planMigration(again, again, db).warnings).toEqual([]);
  });

  it('archives a removed field with a count and restores its values when the field comes back', () => {
    const v1 = lead([{ key: 'wechatId', type: 'text', indexed: true }]);
    seed(v1, [{ name: 'a', wechatId: 'wx-a' }, { name: 'b' }, { name: 'c', wechatId: 'wx-c' }]);
    const v2 = lead([]);
    const plan = planMigration(v1, v2, db);
    expect(plan.steps).toContainEqual({
      kind: 'archiveField',
      entity: 'lead',
      field: 'wechatId',
      values: 2,
    });
    expect(plan.warnings).toMatchObject([
      {
        code: 'field_removed',
        counts: { affected: 2, total: 3 },
        blocking: false,
        message: {
          en: 'field `wechatId` removed: 2 values will be archived and come back if the field is restored',
        },
      },
    ]);
    expect(applyMigration(plan, db)).toMatchObject({ ok: true, summary: { archivedValues: 2 } });
    expect(columns()).not.toContain('wechatId');
    expect(
      db.sqlite.prepare("SELECT count(*) AS n FROM field_archive WHERE field = 'wechatId'").get(),
    ).toEqual({ n: 2 });

    const back = planMigration(v2, v1, db);
    expect(back.steps).toContainEqual({
      kind: 'restoreField',
      entity: 'lead',
      field: 'wechatId',
      sqlType: 'text',
      values: 2,
    });
    expect(applyMigration(back, db).ok).toBe(true);
    expect(values('wechatId')).toEqual(['wx-a', null, 'wx-c']);
    expect(
      db.sqlite.prepare("SELECT count(*) AS n FROM field_archive WHERE field = 'wechatId'").get(),
    ).toEqual({ n: 0 });
    expect(
      db.sqlite
        .prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'ix_e_lead__f_wechatId'")
        .get(),
    ).toEqual({ n: 1 });
  });

  it('measures a retype text -> number; convert archives what does not convert', () => {
    const v1 = lead([{ key: 'age', type: 'text' }]);
    seed(v1, [
      { name: 'a', age: '12' },
      { name: 'b', age: 'twelve' },
      { name: 'c', age: ' 3.5 ' },
      { name: 'd' },
      { name: 'e', age: '1,200' },
      { name: 'f', age: '?' },
    ]);
    const v2 = lead([{ key: 'age', type: 'number' }]);
    const plan = planMigration(v1, v2, db);
    expect(plan.warnings).toMatchObject([
      {
        id: 'type_unconvertible:lead.age',
        counts: { affected: 2, total: 6 },
        samples: ['twelve', '?'],
        blocking: true,
        resolutions: ['convert', 'default'],
        message: { en: 'field type text -> number: 2 values do not convert' },
      },
    ]);
    expect(applyMigration(plan, db).ok).toBe(false);
    expect(
      applyMigration(plan, db, { 'type_unconvertible:lead.age': { kind: 'convert' } }),
    ).toMatchObject({ ok: true, summary: { convertedValues: 3, archivedValues: 2 } });
    expect(values('age')).toEqual([12, null, 3.5, null, 1200, null]);
    expect(
      (
        db.sqlite
          .prepare(
            "SELECT value FROM field_archive WHERE field = 'age' AND reason = 'retyped' ORDER BY id",
          )
          .all() as { value: unknown }[]
      ).map((r) => r.value),
    ).toEqual(['twelve', '?']);
    expect(
      db.sqlite.prepare("SELECT type FROM pragma_table_info('e_lead') WHERE name = 'age'").get(),
    ).toEqual({ type: 'REAL' });
    const store = createRecordStore(db, v2);
    expect(store.list('lead', { where: { sql: '"age" > ?', params: [10] } })).toMatchObject({
      ok: true,
      value: { records: [{ name: 'e' }, { name: 'a' }] },
    });
  });

  it('retypes with a default for values that do not convert, and select -> multiselect', () => {
    const v1 = lead([{ key: 'vip', type: 'text' }, SOURCE]);
    seed(v1, [
      { name: 'a', vip: '是', source: 'douyin' },
      { name: 'b', vip: 'maybe' },
    ]);
    const v2 = lead([
      { key: 'vip', type: 'boolean' },
      { ...SOURCE, type: 'multiselect' },
    ]);
    const plan = planMigration(v1, v2, db);
    expect(plan.blocking).toEqual(['type_unconvertible:lead.vip']);
    expect(
      applyMigration(plan, db, { 'type_unconvertible:lead.vip': { kind: 'default', value: false } })
        .ok,
    ).toBe(true);
    const rec = createRecordStore(db, v2).list('lead', { sort: [{ field: 'name', dir: 'asc' }] });
    expect(rec.ok && rec.value.records.map((r) => [r.vip, r.source])).toEqual([
      [true, ['douyin']],
      [false, null],
    ]);
  });

  it('measures a removed option; mapOption moves the records, keepForOld keeps them', () => {
    const v1 = lead([
      SOURCE,
      { key: 'tags', type: 'multiselect', options: [{ value: 'hot' }, { value: 'cold' }] },
    ]);
    seed(v1, [
      { name: 'a', source: 'wechat', tags: ['hot', 'cold'] },
      { name: 'b', source: 'wechat', tags: ['cold'] },
      { name: 'c', source: 'douyin', tags: ['hot'] },
      { name: 'd', source: 'wechat' },
    ]);
    const v2 = lead([
      { ...SOURCE, options: [{ value: 'douyin' }, { value: 'website' }] },
      { key: 'tags', type: 'multiselect', options: [{ value: 'hot' }] },
    ]);
    const plan = planMigration(v1, v2, db);
    expect(plan.warnings.map((w) => [w.id, w.counts.affected, w.message.en])).toEqual([
      [
        'option_removed:lead.source:wechat',
        3,
        'option `wechat` of `source` removed: 3 records use it',
      ],
      ['option_removed:lead.tags:cold', 2, 'option `cold` of `tags` removed: 2 records use it'],
    ]);
    const bad = applyMigration(plan, db, {
      'option_removed:lead.source:wechat': { kind: 'mapOption', to: 'wechat' },
      'option_removed:lead.tags:cold': { kind: 'keepForOld' },
    });
    expect(bad).toMatchObject({
      ok: false,
      errors: [
        { code: 'invalid_resolution', path: '/resolutions/option_removed:lead.source:wechat' },
      ],
    });
    const ok = applyMigration(plan, db, {
      'option_removed:lead.source:wechat': { kind: 'mapOption', to: 'website' },
      'option_removed:lead.tags:cold': { kind: 'mapOption', to: null },
    });
    expect(ok.ok).toBe(true);
    expect(values('source')).toEqual(['website', 'website', 'douyin', 'website']);
    expect(values('tags')).toEqual(['["hot"]', null, '["hot"]', null]);
    expect(
      db.sqlite
        .prepare(
          "SELECT count(*) AS n FROM field_archive WHERE field = 'tags' AND reason = 'cleared'",
        )
        .get(),
    ).toEqual({ n: 2 });
  });

  it('archives a removed entity and brings every record back when it is restored', () => {
    const v1 = lead([SOURCE]);
    seed(v1, [{ name: '王小明', phone: '+8613800138000', source: 'wechat' }, { name: 'b' }]);
    const v2: AppShape = {
      entities: [{ key: 'account', titleField: 'title', fields: [{ key: 'title', type: 'text' }] }],
    };
    const plan = planMigration(v1, v2, db);
    expect(plan.steps).toEqual([
      { kind: 'createEntity', entity: 'account' },
      { kind: 'archiveEntity', entity: 'lead', to: 'e_lead__archived_1', records: 2 },
    ]);
    expect(plan.warnings).toMatchObject([
      { code: 'entity_removed', counts: { affected: 2 }, blocking: false },
    ]);
    expect(applyMigration(plan, db).ok).toBe(true);
    const back = planMigration(v2, v1, db);
    expect(back.steps[0]).toEqual({
      kind: 'restoreEntity',
      entity: 'lead',
      from: 'e_lead__archived_1',
    });
    expect(applyMigration(back, db).ok).toBe(true);
    const store = createRecordStore(db, v1);
    const found = store.search('lead', '小明');
    expect(found.ok && found.value.map((r) => r.source)).toEqual(['wechat']);
  });

  it('re-publishing an unchanged spec rebuilds nothing; toggling indexed adds and drops the index', () => {
    const v1 = lead([{ key: 'city', type: 'region' }]);
    seed(v1, [{ name: 'a', city: '330106' }]);
    const indexes = () =>
      db.sqlite
        .prepare(
          "SELECT name, rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'e_lead' ORDER BY name",
        )
        .all();
    const before = indexes();
    const same = planMigration(v1, v1, db);
    expect(same.steps).toEqual([{ kind: 'syncIndexes', entity: 'lead' }]);
    expect(same.warnings).toEqual([]);
    expect(applyMigration(same, db).ok).toBe(true);
    expect(indexes()).toEqual(before);
    const v2 = lead([{ key: 'city', type: 'region', indexed: true }]);
    expect(applyMigration(planMigration(v1, v2, db), db).ok).toBe(true);
    expect(indexes()).toContainEqual(expect.objectContaining({ name: 'ix_e_lead__f_city' }));
    expect(applyMigration(planMigration(v2, v1, db), db).ok).toBe(true);
    expect(indexes()).toEqual(before);
  });

  it('measures duplicates when a field becomes unique (blocking) or a new identity key is added (informative)', () => {
    const v1 = lead([{ key: 'email', type: 'email' }], { identity: [['phone']] });
    seed(v1, [
      { name: 'a', email: 'x@example.com' },
      { name: 'b', email: 'x@example.com' },
      { name: 'c', email: 'y@example.com' },
      { name: 'd', email: 'x@example.com' },
      { name: 'e' },
      { name: 'f' },
    ]);
    const v2 = lead([{ key: 'email', type: 'email', unique: true }], {
      identity: [['phone'], ['email']],
    });
    const plan = planMigration(v1, v2, db);
    expect(plan.warnings.map((w) => [w.id, w.counts.affected, w.blocking, w.message.en])).toEqual([
      [
        'unique_duplicates:lead.email',
        3,
        true,
        '`email` becomes unique: 3 records share a value with another record',
      ],
      [
        'identity_duplicates:lead.email',
        3,
        false,
        'new identity key (email): 3 records duplicate each other and can be merged',
      ],
    ]);
    expect(applyMigration(plan, db).ok).toBe(false);
    expect(
      applyMigration(plan, db, { 'unique_duplicates:lead.email': { kind: 'keepForOld' } }).ok,
    ).toBe(true);
  });

  it('rolls back every step when one fails', () => {
    const v1 = lead([]);
    seed(v1, [{ name: 'a' }]);
    const plan = planMigration(
      v1,
      lead([
        { key: 'notes', type: 'text' },
        { key: 'extra', type: 'text' },
      ]),
      db,
    );
    db.sqlite.exec('ALTER TABLE e_lead ADD COLUMN extra TEXT'); // the plan is now stale: adding it again fails
    const res = applyMigration(plan, db, {}, { locale: 'en' });
    expect(res).toMatchObject({ ok: false, errors: [{ code: 'migration_failed' }] });
    expect(columns()).not.toContain('notes');
  });
});
