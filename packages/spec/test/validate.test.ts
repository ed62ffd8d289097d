import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateSpec } from '../src/index';
import type { AppSpec } from '../src/index';
import { applyPatch } from './patch';
import type { PatchOp } from './patch';

const base = JSON.parse(
  readFileSync(join(__dirname, 'fixtures', 'valid', 'base.json'), 'utf8'),
) as AppSpec;
const minimal: AppSpec = {
  specVersion: 1,
  name: { en: 'Tiny' },
  locales: ['en'],
  defaultLocale: 'en',
  entities: [
    {
      key: 'contact',
      label: { en: 'Contact' },
      titleField: 'name',
      fields: [{ key: 'name', type: 'text', label: { en: 'Name' } }],
    },
  ],
};
const codes = (spec: unknown) =>
  validateSpec(spec, { locale: 'en' }).errors.map((e) => `${e.path} ${e.code}`);

describe('validateSpec never throws', () => {
  it.each([
    null,
    undefined,
    'spec',
    42,
    true,
    [],
    [1, 2],
    {},
    { entities: 'x' },
    { specVersion: 1, entities: [null] },
  ])('returns errors for %j', (input) => {
    const result = validateSpec(input);
    expect(result.ok).toBe(false);
    expect(result.errors.length).toBeGreaterThan(0);
  });

  it('handles cyclic objects', () => {
    const spec = structuredClone(base) as unknown as Record<string, unknown>;
    const entity = (spec.entities as Record<string, unknown>[])[0] as Record<string, unknown>;
    entity.self = spec;
    (spec.automations as unknown[]).push(spec);
    const result = validateSpec(spec, { locale: 'en' });
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.path)).toContain('/entities/0/self');
  });

  it.each([
    '/automations/0/if',
    '/entities/0/fields/21/expression',
    '/entities/0/fields/2/requiredIf',
    '/views/0/filter',
    '/automations/5/on/query',
    '/automations/2/do/0/values/notes',
    '/automations/1/do/0/rules/0/if',
    '/forms/0/sections/0/fields/3/visibleIf',
    '/pipelines/0/stages/2/enterIf',
    '/dashboards/0/widgets/1/filter',
  ])('reports a cyclic expression at %s as a logic error', (path) => {
    const expr: Record<string, unknown> = { and: [] };
    (expr.and as unknown[]).push(expr);
    const spec = applyPatch(base, [{ op: 'add', path, value: null }]);
    const parts = path.split('/').slice(1);
    const last = parts.pop() as string;
    const parent = parts.reduce<Record<string, unknown>>(
      (o, p) => o[p] as Record<string, unknown>,
      spec as Record<string, unknown>,
    );
    parent[last] = expr;
    const result = validateSpec(spec, { locale: 'en' });
    expect(result.ok).toBe(false);
    expect(result.errors.every((e) => e.path.startsWith(path) && e.code.startsWith('logic.'))).toBe(
      true,
    );
  });

  it('survives arbitrary JSON, whole or mutated into the base spec', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 5 }), (junk, where) => {
        const targets = [
          '',
          '/entities/0/fields/0',
          '/automations/0/on',
          '/automations/0/do/0',
          '/pipelines/0/stages/0',
          '/views/0/filter',
        ];
        const path = targets[where] as string;
        const spec = path === '' ? junk : applyPatch(base, [{ op: 'replace', path, value: junk }]);
        const result = validateSpec(spec, { locale: 'zh-CN' });
        expect(typeof result.ok).toBe('boolean');
        for (const e of result.errors) expect(e.code).not.toBe('spec.internal');
      }),
      { numRuns: 300 },
    );
  });
});

describe('valid specs', () => {
  it.each([
    ['base', base],
    ['minimal', minimal],
  ] as const)('%s validates and round-trips through JSON', (_name, spec) => {
    expect(validateSpec(spec)).toEqual({ ok: true, errors: [] });
    const copy = JSON.parse(JSON.stringify(spec)) as unknown;
    expect(validateSpec(copy, { locale: 'en' })).toEqual({ ok: true, errors: [] });
  });

  const accepted: [string, PatchOp[]][] = [
    [
      "a breakdown of leads by a field of their company (the related account's name)",
      [
        { op: 'add', path: '/dashboards/0/widgets/1/via', value: 'company' },
        { op: 'replace', path: '/dashboards/0/widgets/1/field', value: 'name' },
      ],
    ],
    [
      "a breakdown of leads by a system field of their company (the account's owner)",
      [
        { op: 'add', path: '/dashboards/0/widgets/1/via', value: 'company' },
        { op: 'replace', path: '/dashboards/0/widgets/1/field', value: 'ownerId' },
      ],
    ],
    [
      'an update automation guarded by a changed condition on a field it does not write',
      [
        {
          op: 'replace',
          path: '/automations/2/on',
          value: { type: 'record.updated', entity: 'lead' },
        },
        {
          op: 'replace',
          path: '/automations/2/if',
          value: { and: [{ changed: 'budget' }, { '>=': [{ var: 'budget' }, 1000000] }] },
        },
      ],
    ],
    [
      'a record.updated trigger narrowed to fields the automation does not write',
      [
        {
          op: 'replace',
          path: '/automations/2/on',
          value: { type: 'record.updated', entity: 'lead', fields: ['budget', 'course'] },
        },
      ],
    ],
    [
      'changed conditions on update triggers',
      [{ op: 'replace', path: '/automations/2/if', value: { changedTo: ['budget', 100] } }],
    ],
    [
      'system fields in views, sorts and filters',
      [
        {
          op: 'replace',
          path: '/views/0/columns',
          value: ['name', 'ownerId', 'lastActivityAt', 'slaDueAt'],
        },
        {
          op: 'replace',
          path: '/views/0/filter',
          value: {
            and: [
              { '==': [{ var: 'stage' }, 'new'] },
              { in: [{ var: 'teamId' }, { var: '$user.teams' }] },
            ],
          },
        },
      ],
    ],
    [
      'a disabled automation that would loop',
      [
        { op: 'replace', path: '/automations/2/on/field', value: 'vip' },
        { op: 'add', path: '/automations/2/enabled', value: false },
      ],
    ],
    [
      'a private form without slug and required fields',
      [{ op: 'replace', path: '/forms/1/sections/0/fields', value: ['notes'] }],
    ],
    [
      'an English-only spec',
      [
        { op: 'replace', path: '/locales', value: ['en'] },
        { op: 'replace', path: '/defaultLocale', value: 'en' },
      ],
    ],
  ];
  it.each(accepted)('accepts %s', (_name, patch) => {
    expect(codes(applyPatch(base, patch))).toEqual([]);
  });
});

describe('messages', () => {
  const spec = applyPatch(base, [
    { op: 'add', path: '/pipelines/0/stages/2/requires', value: ['budget', 'cycle'] },
  ]);

  it('speaks zh-CN by default and en on request, naming the missing field', () => {
    const zh = validateSpec(spec).errors;
    const en = validateSpec(spec, { locale: 'en' }).errors;
    expect(zh).toEqual([
      {
        path: '/pipelines/0/stages/2/requires/1',
        code: 'ref.unknownField',
        message: '实体 “lead” 没有字段 “cycle”。',
        params: { entity: 'lead', key: 'cycle' },
      },
    ]);
    expect(en[0]?.message).toBe('The entity "lead" has no field "cycle".');
  });

  it('makes structural errors readable in both locales', () => {
    const bad = applyPatch(base, [
      { op: 'add', path: '/entities/0/fields/0/colour', value: 'red' },
      { op: 'replace', path: '/entities/0/fields/1/type', value: 'mobile' },
      { op: 'replace', path: '/entities/0/key', value: 'Lead' },
    ]);
    const zh = validateSpec(bad).errors;
    const en = validateSpec(bad, { locale: 'en' }).errors;
    expect(zh.map((e) => e.path)).toEqual(en.map((e) => e.path));
    const byPath = (list: typeof zh, path: string) =>
      list.find((e) => e.path === path)?.message ?? '';
    expect(byPath(zh, '/entities/0/fields/0/colour')).toMatch(
      /^不认识的属性 “colour”，请检查拼写（可用：.*help.*）。$/,
    );
    expect(byPath(en, '/entities/0/fields/0/colour')).toMatch(
      /^Unknown property "colour"; check the spelling/,
    );
    expect(byPath(zh, '/entities/0/fields/1/type')).toContain(
      '未知的类型 “mobile”；可选：text, longtext, email, phone',
    );
    expect(byPath(en, '/entities/0/key')).toContain('camelCase');
    expect(byPath(zh, '/entities/0/key')).toContain('驼峰');
  });

  it('explains numeric limits in both locales', () => {
    const bad = applyPatch(base, [
      { op: 'replace', path: '/entities/0/fields/18/maxSizeMb', value: 0 },
    ]);
    const [zh] = validateSpec(bad).errors;
    const [en] = validateSpec(bad, { locale: 'en' }).errors;
    expect(zh).toMatchObject({
      path: '/entities/0/fields/18/maxSizeMb',
      code: 'schema.exclusiveMinimum',
    });
    expect(zh?.message).toBe('必须大于 0。');
    expect(en?.message).toBe('This must be more than 0.');
  });

  it('reports a duplicate key with the place of the first one', () => {
    const dup = applyPatch(base, [
      { op: 'replace', path: '/entities/0/fields/3/key', value: 'email' },
    ]);
    expect(validateSpec(dup).errors[0]?.message).toBe(
      '键 “email” 重复了：同一列表中的字段键必须唯一（第一次出现在 /entities/0/fields/2）。',
    );
    expect(validateSpec(dup, { locale: 'en' }).errors[0]?.message).toBe(
      'The key "email" is used twice: field keys must be unique in this list (first used at /entities/0/fields/2).',
    );
  });
});

describe('value messages', () => {
  it('explains why a literal does not fit its field, in Chinese through ajv-i18n', () => {
    const spec = applyPatch(base, [
      { op: 'replace', path: '/forms/0/defaults/source', value: 'tiktok' },
    ]);
    expect(validateSpec(spec).errors[0]?.message).toBe(
      '值 "tiktok" 不适合字段 “source”（select）：应当是预设定的枚举值之一 ["douyin","website"]',
    );
    expect(validateSpec(spec, { locale: 'en' }).errors[0]?.message).toBe(
      'The value "tiktok" does not fit the field "source" (select): must be equal to one of the allowed values ["douyin","website"]',
    );
  });
});

describe('expression messages', () => {
  it('come from @trellis/logic in the requested locale, SQL refusals included', () => {
    const spec = applyPatch(base, [
      {
        op: 'replace',
        path: '/views/0/filter',
        value: { '==': [{ cat: [{ var: 'name' }, '!'] }, 'x!'] },
      },
    ]);
    const [en] = validateSpec(spec, { locale: 'en' }).errors;
    const [zh] = validateSpec(spec).errors;
    expect(en?.message).toMatch(/^"cat" cannot be used to filter many records/);
    expect(zh?.message).toMatch(/^“cat” 不能用于筛选大量记录/);
  });
  it('refuse the stage-transition operators, which a rule over the record cannot answer', () => {
    for (const [path, value] of [
      ['/views/0/filter', { enteredStage: ['new', 0, 1] }],
      ['/automations/2/if', { leftStage: ['new'] }],
    ] as const)
      expect(codes(applyPatch(base, [{ op: 'replace', path, value }]))).toEqual([
        `${path} logic.operatorNotAllowed`,
      ]);
  });
});

describe('purity', () => {
  const deepFreeze = <T>(v: T): T => {
    if (v && typeof v === 'object') {
      Object.values(v).forEach(deepFreeze);
      Object.freeze(v);
    }
    return v;
  };

  it('never modifies the spec it checks (frozen input validates the same)', () => {
    const frozen = deepFreeze(structuredClone(base));
    expect(validateSpec(frozen)).toEqual({ ok: true, errors: [] });
    const broken = deepFreeze(
      applyPatch(base, [{ op: 'replace', path: '/entities/0/titleField', value: 'notes' }]),
    );
    expect(codes(broken)).toEqual(['/entities/0/titleField titleField.badType']);
  });
});

describe('field:<userFieldKey> recipients', () => {
  it('are accepted when they name a user field of the record entity', () => {
    const ok = applyPatch(base, [
      { op: 'replace', path: '/automations/3/do/0/to/1', value: 'field:advisor' },
      { op: 'replace', path: '/automations/1/do/1/assignee', value: 'field:advisor' },
      { op: 'replace', path: '/pipelines/0/stages/3/sla/notify/0', value: 'field:advisor' },
    ]);
    expect(codes(ok)).toEqual([]);
  });

  it('are refused where there is no record (a schedule without entity)', () => {
    const spec = applyPatch(base, [
      {
        op: 'add',
        path: '/automations/-',
        value: {
          key: 'daily-digest',
          label: { 'zh-CN': '日报', en: 'Digest' },
          on: { type: 'schedule', cron: '0 9 * * *' },
          do: [{ type: 'notify', channel: 'inApp', to: ['field:advisor'], message: 'hi' }],
        },
      },
    ]);
    expect(codes(spec)).toEqual([
      `/automations/${(base.automations ?? []).length}/do/0/to/0 recipient.fieldNeedsRecord`,
    ]);
  });
});

describe('manual trigger roles', () => {
  it('names roles of the spec that may press the button', () => {
    expect(
      codes(applyPatch(base, [{ op: 'add', path: '/automations/6/on/roles', value: ['sales'] }])),
    ).toEqual([]);
    expect(
      codes(
        applyPatch(base, [{ op: 'add', path: '/automations/6/on/roles', value: ['sales', 'rep'] }]),
      ),
    ).toEqual(['/automations/6/on/roles/1 ref.unknownRole']);
  });
});

describe('form captureInto', () => {
  it('accepts a captured parameter copied into a text field', () => {
    expect(
      codes(
        applyPatch(base, [
          { op: 'add', path: '/forms/0/captureInto', value: { utm_campaign: 'notes' } },
        ]),
      ),
    ).toEqual([]);
  });

  it('refuses an unknown field and an unknown parameter', () => {
    expect(
      codes(
        applyPatch(base, [
          { op: 'add', path: '/forms/0/captureInto', value: { utm_campaign: 'nope' } },
        ]),
      ),
    ).toEqual(['/forms/0/captureInto/utm_campaign ref.unknownField']);
    expect(
      codes(
        applyPatch(base, [{ op: 'add', path: '/forms/0/captureInto', value: { gclid: 'notes' } }]),
      ),
    ).toEqual(['/forms/0/captureInto/gclid schema.unknownProperty']);
  });
});

describe('field keys taken by the system', () => {
  it.each(['ownerId', 'slaDueAt', 'rid', 'iD', 'createdat'])('refuses %s', (key) => {
    expect(
      codes(applyPatch(base, [{ op: 'replace', path: '/entities/0/fields/3/key', value: key }])),
    ).toEqual(['/entities/0/fields/3/key field.reserved']);
  });
});
