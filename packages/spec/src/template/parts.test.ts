import { describe, expect, it } from 'vitest';
import { LIST_KEYS, locateSource, mergeSpecParts } from './parts';

const base = {
  $schema: '../schema.json',
  specVersion: 1,
  name: { 'zh-CN': '测试', en: 'Test' },
  locales: ['zh-CN', 'en'],
};

describe('mergeSpecParts', () => {
  it('takes the list keys from the metaschema: every collection of objects, not locales', () => {
    expect(LIST_KEYS).toEqual(
      expect.arrayContaining([
        'entities',
        'forms',
        'pipelines',
        'automations',
        'roles',
        'teams',
        'views',
        'dashboards',
        'activityTypes',
        'quickReplies',
        'webhookSources',
      ]),
    );
    expect(LIST_KEYS).not.toContain('locales');
    expect(LIST_KEYS).not.toContain('name');
  });

  it('concatenates list keys in file order and keeps scalars from the one file that sets them', () => {
    const result = mergeSpecParts(
      [
        { file: 'spec/app.json', value: base },
        { file: 'spec/a.json', value: { entities: [{ key: 'lead' }], teams: [{ key: 'tech' }] } },
        { file: 'spec/b.json', value: { entities: [{ key: 'student' }, { key: 'campaign' }] } },
      ],
      'en',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.spec).toEqual({
      specVersion: 1,
      name: base.name,
      locales: ['zh-CN', 'en'],
      entities: [{ key: 'lead' }, { key: 'student' }, { key: 'campaign' }],
      teams: [{ key: 'tech' }],
    });
    // `$schema` is an editor hint relative to a part file; it means nothing in the bundle.
    expect(result.spec).not.toHaveProperty('$schema');
    expect(Object.keys(result.spec)).toEqual([
      'specVersion',
      'name',
      'locales',
      'entities',
      'teams',
    ]);
  });

  it('maps a pointer into the bundle back to the part file and its local index', () => {
    const result = mergeSpecParts(
      [
        { file: 'spec/app.json', value: base },
        { file: 'spec/a.json', value: { entities: [{ key: 'lead' }] } },
        { file: 'spec/b.json', value: { entities: [{ key: 'student', fields: [] }] } },
      ],
      'en',
    );
    if (!result.ok) throw new Error('expected a merge');
    expect(locateSource(result.sources, '/entities/1/fields/0/type')).toBe(
      'spec/b.json#/entities/0/fields/0/type',
    );
    expect(locateSource(result.sources, '/entities/0')).toBe('spec/a.json#/entities/0');
    expect(locateSource(result.sources, '/name/en')).toBe('spec/app.json#/name/en');
    expect(locateSource(result.sources, '/roles/0')).toBeUndefined();
    expect(locateSource(result.sources, '')).toBeUndefined();
  });

  it('refuses a non-list key set by two files, naming both (zh-CN and en)', () => {
    const parts = [
      { file: 'spec/app.json', value: base },
      { file: 'spec/extra.json', value: { name: { 'zh-CN': '另一个', en: 'Other' } } },
    ];
    const en = mergeSpecParts(parts, 'en');
    const zh = mergeSpecParts(parts, 'zh-CN');
    expect(en).toMatchObject({
      ok: false,
      errors: [{ path: 'spec/extra.json#/name', code: 'template.conflict' }],
    });
    if (en.ok || zh.ok) return;
    expect(en.errors[0]?.message).toContain('spec/app.json');
    expect(en.errors[0]?.message).toMatch(/only/);
    expect(zh.errors[0]?.message).toContain('只能');
  });

  it('refuses a part that is not an object and a list key that is not a list', () => {
    const result = mergeSpecParts(
      [
        { file: 'spec/app.json', value: base },
        { file: 'spec/list.json', value: [{ key: 'lead' }] },
        { file: 'spec/views.json', value: { views: { key: 'mine' } } },
      ],
      'en',
    );
    expect(result).toMatchObject({
      ok: false,
      errors: [
        { path: 'spec/list.json', code: 'template.part.notObject' },
        { path: 'spec/views.json#/views', code: 'template.part.notArray' },
      ],
    });
  });
});
