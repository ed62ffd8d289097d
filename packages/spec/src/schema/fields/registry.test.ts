import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  ACTION_TYPES,
  actionConfigSchemas,
  FIELD_TYPES,
  FieldSchema,
  fieldTypes,
  TRIGGER_TYPES,
  triggerConfigSchemas,
} from '../../index';
import type { FieldSpec } from '../../index';

const ajv = addFormats(new Ajv({ strict: true }));
const label = { en: 'x' };
const accepts = (field: FieldSpec, value: unknown) =>
  ajv.validate(fieldTypes[field.type].valueSchema(field as never), value);

describe('field type registry', () => {
  it('has one entry per field type, each matching a branch of the field schema', () => {
    expect(Object.keys(fieldTypes).sort()).toEqual([...FIELD_TYPES].sort());
    const branches = (
      FieldSchema as unknown as { oneOf: { properties: { type: { const: string } } }[] }
    ).oneOf;
    expect(branches.map((b) => b.properties.type.const).sort()).toEqual([...FIELD_TYPES].sort());
    for (const type of FIELD_TYPES)
      expect(
        (fieldTypes[type].settingsSchema.properties.type as { const?: string } | undefined)?.const,
      ).toBe(type);
  });

  it('emits value schemas that a strict ajv compiles', () => {
    const fields: FieldSpec[] = [
      { key: 'a', type: 'text', label, maxLength: 5, pattern: '^[a-z]+$' },
      { key: 'b', type: 'select', label, options: [{ value: 'x', label }] },
      { key: 'c', type: 'file', label, multiple: true },
      { key: 'd', type: 'formula', label, expression: 1, resultType: 'date' },
    ];
    for (const f of fields)
      expect(() => ajv.compile(fieldTypes[f.type].valueSchema(f as never))).not.toThrow();
  });

  it.each<[string, FieldSpec, unknown[], unknown[]]>([
    [
      'text limits',
      { key: 'a', type: 'text', label, minLength: 2, maxLength: 4 },
      ['ab', 'abcd'],
      ['a', 'abcde', 3],
    ],
    ['text pattern', { key: 'a', type: 'text', label, pattern: '^[0-9]+$' }, ['123'], ['12a']],
    ['email', { key: 'a', type: 'email', label }, ['li@example.com'], ['not-mail']],
    [
      'phone in E.164',
      { key: 'a', type: 'phone', label },
      ['+8613800138000'],
      ['13800138000', '+0123'],
    ],
    [
      'phone as typed',
      { key: 'a', type: 'phone', label, normalize: 'none' },
      ['138 0013 8000'],
      [13800138000],
    ],
    [
      'url',
      { key: 'a', type: 'url', label },
      ['https://trellis.dev/x'],
      ['ftp://x.y', 'trellis.dev'],
    ],
    [
      'integer number',
      { key: 'a', type: 'number', label, integer: true, min: 0, max: 10 },
      [0, 10],
      [1.5, -1, 11, '3'],
    ],
    ['money in fen', { key: 'a', type: 'money', label, min: 0 }, [0, 12345], [12.5, -1]],
    ['percent', { key: 'a', type: 'percent', label, max: 100 }, [12.5, 100], [101]],
    ['date', { key: 'a', type: 'date', label }, ['2026-11-22'], ['2026-13-01', '22/11/2026', 1]],
    [
      'datetime epoch ms',
      { key: 'a', type: 'datetime', label },
      [1763800000000],
      ['2026-11-22T10:00:00Z', -5],
    ],
    ['boolean', { key: 'a', type: 'boolean', label }, [true, false], ['true', 0]],
    [
      'select',
      {
        key: 'a',
        type: 'select',
        label,
        options: [
          { value: 'x', label },
          { value: 'y', label },
        ],
      },
      ['x'],
      ['z'],
    ],
    [
      'multiselect',
      {
        key: 'a',
        type: 'multiselect',
        label,
        maxItems: 2,
        options: [
          { value: 'x', label },
          { value: 'y', label },
          { value: 'z', label },
        ],
      },
      [['x'], ['x', 'y']],
      [['x', 'x'], ['x', 'y', 'z'], ['w'], 'x'],
    ],
    [
      'single relation',
      { key: 'a', type: 'relation', label, entity: 'lead' },
      ['01890a5d-ac96-774b-bcce-b302099a8057'],
      [['id'], ''],
    ],
    [
      'multiple relation',
      { key: 'a', type: 'relation', label, entity: 'lead', multiple: true },
      [['a', 'b']],
      ['a', ['a', 'a']],
    ],
    ['user', { key: 'a', type: 'user', label }, ['u1'], [1]],
    [
      'single file',
      { key: 'a', type: 'file', label },
      [[{ id: 'f', name: 'a.pdf', size: 1, mime: 'application/pdf' }]],
      [
        [{ id: 'f' }],
        [
          { id: 'f', name: 'a', size: 1, mime: 'x' },
          { id: 'g', name: 'b', size: 1, mime: 'x' },
        ],
      ],
    ],
    [
      'region code',
      { key: 'a', type: 'region', label },
      ['330106', '110000'],
      ['33010', 'Hangzhou', '030106'],
    ],
    [
      'money formula',
      { key: 'a', type: 'formula', label, expression: 1, resultType: 'money' },
      [100],
      [1.5],
    ],
  ])('%s: accepts good values and refuses bad ones', (_name, field, good, bad) => {
    for (const v of good) expect(accepts(field, v), JSON.stringify(v)).toBe(true);
    for (const v of bad) expect(accepts(field, v), JSON.stringify(v)).toBe(false);
  });

  it('maps each type to the column kind SQL compilation needs', () => {
    const logic = (f: FieldSpec) => fieldTypes[f.type].logicType(f as never);
    expect(logic({ key: 'a', type: 'money', label })).toBe('integer');
    expect(logic({ key: 'a', type: 'number', label })).toBe('number');
    expect(logic({ key: 'a', type: 'number', label, integer: true })).toBe('integer');
    expect(logic({ key: 'a', type: 'multiselect', label, options: [{ value: 'x', label }] })).toBe(
      'json',
    );
    expect(logic({ key: 'a', type: 'relation', label, entity: 'x' })).toBe('text');
    expect(logic({ key: 'a', type: 'relation', label, entity: 'x', multiple: true })).toBe('json');
    expect(logic({ key: 'a', type: 'datetime', label })).toBe('datetime');
    expect(logic({ key: 'a', type: 'formula', label, expression: 1, resultType: 'boolean' })).toBe(
      'boolean',
    );
  });

  it('allows identity and title only on text-like types', () => {
    const identity = FIELD_TYPES.filter((t) => fieldTypes[t].identity);
    expect(identity.sort()).toEqual(['email', 'phone', 'text', 'url']);
    expect(FIELD_TYPES.filter((t) => fieldTypes[t].title).sort()).toEqual([
      'email',
      'phone',
      'text',
      'url',
    ]);
  });
});

describe('automation registries', () => {
  it('cover every trigger and action of the contract, each config schema fixing its type', () => {
    expect(TRIGGER_TYPES.sort()).toEqual(
      [
        'activity.logged',
        'field.changed',
        'form.submitted',
        'manual',
        'record.created',
        'record.updated',
        'schedule',
        'sla.breached',
        'stage.entered',
        'stage.exited',
        'webhook.received',
      ].sort(),
    );
    expect(ACTION_TYPES.sort()).toEqual(
      [
        'assign',
        'callWebhook',
        'claimFromPool',
        'completeTasks',
        'createRecord',
        'createTask',
        'digest',
        'handover',
        'moveStage',
        'notify',
        'releaseToPool',
        'setFields',
      ].sort(),
    );
    for (const t of TRIGGER_TYPES) expect(triggerConfigSchemas[t].properties.type.const).toBe(t);
    for (const a of ACTION_TYPES) expect(actionConfigSchemas[a].properties.type.const).toBe(a);
  });

  it('lets engine modules validate a config on its own', () => {
    const assign = ajv.compile(JSON.parse(JSON.stringify(actionConfigSchemas.assign)));
    expect(assign({ type: 'assign', strategy: 'roundRobin', team: 'tech' })).toBe(true);
    expect(assign({ type: 'assign', strategy: 'random' })).toBe(false);
    const schedule = ajv.compile(JSON.parse(JSON.stringify(triggerConfigSchemas.schedule)));
    expect(schedule({ type: 'schedule', cron: '0 9 * * 1-5' })).toBe(true);
    expect(schedule({ type: 'schedule', cron: '0 9 * * 1-5', every: 'day' })).toBe(false);
  });
});

describe('TypeBox compatibility', () => {
  it('lets Value.Check validate with the same schemas (custom kinds are registered)', async () => {
    const { Value } = await import('@sinclair/typebox/value');
    const { AppSpecSchema } = await import('../../index');
    expect(
      Value.Check(actionConfigSchemas.assign, {
        type: 'assign',
        strategy: 'roundRobin',
        team: 'tech',
      }),
    ).toBe(true);
    expect(Value.Check(actionConfigSchemas.assign, { type: 'assign', strategy: 'random' })).toBe(
      false,
    );
    expect(
      Value.Check(FieldSchema, {
        key: 'a',
        type: 'select',
        label,
        options: [{ value: 'x', label }],
      }),
    ).toBe(true);
    expect(Value.Check(FieldSchema, { key: 'a', type: 'select', label })).toBe(false);
    expect(Value.Check(FieldSchema, { key: 'a', type: 'nope', label })).toBe(false);
    expect(Value.Check(FieldSchema, { key: 'a', type: 'text', label, pattern: '^[0-9]+$' })).toBe(
      true,
    );
    expect(Value.Check(FieldSchema, { key: 'a', type: 'text', label, pattern: '([0-9' })).toBe(
      false,
    );
    const spec = {
      specVersion: 1,
      name: label,
      locales: ['en'],
      defaultLocale: 'en',
      entities: [{ key: 'c', label, titleField: 'a', fields: [{ key: 'a', type: 'text', label }] }],
    };
    expect(Value.Check(AppSpecSchema, spec)).toBe(true);
    expect(Value.Check(AppSpecSchema, { ...spec, defaultLocale: 'fr' })).toBe(false);
  });
});
