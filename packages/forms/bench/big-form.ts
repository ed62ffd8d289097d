import type { AppSpec, FieldSpec } from '@trellis/spec';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const KINDS = ['text', 'number', 'select', 'email', 'date'] as const;

/** Field i of a big form: text, number, select, email and date in turn; every fifth required. */
function field(i: number): FieldSpec {
  const kind = KINDS[i % KINDS.length]!;
  const base = { key: `f${i}`, label: l(`字段 ${i}`, `Field ${i}`), required: i % 5 === 0 };
  if (kind === 'select')
    return {
      ...base,
      type: 'select',
      options: ['a', 'b', 'c'].map((v) => ({ value: v, label: l(v, v) })),
    };
  return { ...base, type: kind } as FieldSpec;
}

/**
 * A spec with one entity of `n` fields and a two-column form of them, where every tenth field
 * shows only while the field before it has a value (the rules a real long form has).
 */
export function bigSpec(n: number): AppSpec {
  const fields = Array.from({ length: n }, (_, i) => field(i));
  return {
    specVersion: 1,
    name: l('表单基准', 'Form bench'),
    locales: ['zh-CN', 'en'],
    defaultLocale: 'en',
    entities: [{ key: 'big', label: l('大表单', 'Big form'), titleField: 'f0', fields }],
    forms: [
      {
        key: 'big',
        entity: 'big',
        label: l('大表单', 'Big form'),
        sections: [
          {
            columns: 2,
            fields: fields.map((f, i) =>
              i % 10 === 9 ? { field: f.key, visibleIf: { '!!': [{ var: `f${i - 1}` }] } } : f.key,
            ),
          },
        ],
      },
    ],
  } as AppSpec;
}

/** The same fields as a JSON Schema for @rjsf/core (its own validator, ajv8). */
export function bigJsonSchema(n: number): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (let i = 0; i < n; i++) {
    const f = field(i);
    const title = `Field ${i}`;
    if (f.required) required.push(f.key);
    if (f.type === 'number') properties[f.key] = { type: 'number', title };
    else if (f.type === 'select')
      properties[f.key] = { type: 'string', title, enum: ['a', 'b', 'c'] };
    else if (f.type === 'email') properties[f.key] = { type: 'string', title, format: 'email' };
    else if (f.type === 'date') properties[f.key] = { type: 'string', title, format: 'date' };
    else properties[f.key] = { type: 'string', title };
  }
  return { type: 'object', properties, required };
}

/** How many fields of an empty big form show (every tenth waits for the one before it). */
export function visibleCount(n: number): number {
  return n - Math.floor(n / 10);
}

/** How many fields of a big form are required (what submit-with-errors must report). */
export function requiredCount(n: number): number {
  return Math.ceil(n / 5);
}
