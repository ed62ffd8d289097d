import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '@trellis/logic';
import type { AppSpec, EntitySpec } from '@trellis/spec';
import { labelOf } from '../../../lib/i18n/label';
import en from '../locales/en.json';
import zhCN from '../locales/zh-CN.json';
import { formulaFields, type FormulaField } from './formula-fields';
import { parseFormula } from './formula-parse';
import { longForm, printFormula } from './formula-print';

type Action = { type: string; values?: Record<string, unknown> };

const templates = join(import.meta.dirname, '../../../../../../templates');
const specs = readdirSync(templates).flatMap((t) => {
  const dir = join(templates, t, 'spec');
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return [{ name: t, parts: files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8'))) }];
});

/** Every formula of the templates: formula fields and computed values of automations. */
const formulas = specs.flatMap(({ name, parts }) => {
  const spec = {
    entities: parts.flatMap((p) => p.entities ?? []),
    pipelines: parts.flatMap((p) => p.pipelines ?? []),
  } as AppSpec;
  const entities = spec.entities;
  const automations: { key: string; on: { entity?: string }; do: Action[] }[] = parts.flatMap(
    (p) => p.automations ?? [],
  );
  // Formula fields read the record's own fields; automations' values also its system fields.
  const of = (key: string | undefined, locale: 'zh-CN' | 'en', system = false) => {
    const names: Record<string, string> = (locale === 'en' ? en : zhCN).system;
    return formulaFields(
      spec,
      entities.find((e) => e.key === key) as EntitySpec,
      (l, f) => labelOf(l, locale, f),
      system ? (k) => names[k] ?? k : undefined,
    );
  };
  return (['zh-CN', 'en'] as const).flatMap((locale) => [
    ...entities.flatMap((e) =>
      e.fields
        .filter((f) => f.type === 'formula')
        .map((f) => ({
          where: `${name} ${e.key}.${f.key} ${locale}`,
          logic: f.expression,
          fields: of(e.key, locale),
        })),
    ),
    ...automations.flatMap((a) =>
      a.do.flatMap((d) =>
        Object.entries(d.values ?? {})
          .filter(([, v]) => v !== null && typeof v === 'object')
          .map(([k, v]) => ({
            where: `${name} ${a.key} ${k} ${locale}`,
            logic: v,
            fields: of(a.on.entity, locale, true),
          })),
      ),
    ),
  ]);
});

const FIELDS_ZH: FormulaField[] = [
  { key: 'phone', label: '手机', labels: ['手机', 'Phone'], type: 'phone' },
];

describe('printFormula', () => {
  it('finds the formulas of the templates (fields and automation values)', () => {
    expect(formulas.map((f) => f.where)).toEqual(
      expect.arrayContaining([
        'education lead.profileScore zh-CN',
        'b2b-sales customer.customerCode en',
        expect.stringMatching(/^b2b-sales .* riskLevel zh-CN$/),
      ]),
    );
  });

  it.each(formulas.map((f) => [f.where, f] as const))(
    'writes %s as text that reads back as the same logic',
    (_, { logic, fields }) => {
      const text = printFormula(logic, fields);
      expect(text).not.toBeNull();
      expect(parseFormula(text!, fields)).toEqual({ ok: true, logic: longForm(logic) });
    },
  );

  it.each(formulas.map((f) => [f.where, f] as const))(
    'the long form of %s computes what it computed',
    (_, { logic }) => {
      const now = Date.now();
      const records = [
        {},
        { name: '张伟', phone: '+8613800138000', contactLevel: 'executive', createdAt: 0 },
        { contactLevel: 'staff', lastActivityAt: Date.now() - 20 * 86_400_000, createdAt: 1 },
      ];
      for (const r of records)
        expect(evaluate(longForm(logic), r, { now })).toEqual(evaluate(logic, r, { now }));
    },
  );

  it('writes one argument standing alone as a list, which computes the same', () => {
    expect(printFormula({ sha256: { var: 'phone' } }, FIELDS_ZH)).toBe('sha256([手机])');
    expect(parseFormula('sha256([手机])', FIELDS_ZH)).toEqual({
      ok: true,
      logic: { sha256: [{ var: 'phone' }] },
    });
  });

  it('names fields by their label in the language asked for', () => {
    const education = formulas.find((f) => f.where === 'education lead.profileScore zh-CN')!;
    expect(printFormula(education.logic, education.fields)).toContain('[姓名]');
    const en = formulas.find((f) => f.where === 'education lead.profileScore en')!;
    expect(printFormula(en.logic, en.fields)).toContain('[Name]');
  });
});

// Labels that could trip a reader: words that are also operators, spaces, commas, digits first,
// a label that is another field's key, two fields with one label.
const FIELDS: FormulaField[] = [
  { key: 'price', label: '课程价格', labels: ['课程价格', 'Course price'], type: 'money' },
  { key: 'name', label: 'and', labels: ['and'], type: 'text' },
  { key: 'city', label: 'Home city, district', labels: [], type: 'text' },
  { key: 'first', label: '1st call', labels: [], type: 'date' },
  { key: 'isVip', label: 'price', labels: [], type: 'boolean' },
  { key: 'a', label: 'same', labels: [], type: 'number' },
  { key: 'b', label: 'same', labels: [], type: 'number' },
  { key: 'c', label: 'x]y', labels: [], type: 'text' },
];
const SIGNS = ['==', '!=', '===', '!==', '<', '<=', '>', '>=', '-', '/', '%'];
const CHAINS = ['+', '*', 'and', 'or'];
const CALLS = ['cat', 'sha256', 'min', 'max', 'now', 'daysSince', 'contains', 'in', 'substr'];

const { logic: randomLogic } = fc.letrec<{ logic: unknown; leaf: unknown }>((tie) => ({
  leaf: fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
    fc.integer(),
    fc.string({ unit: 'binary' }),
    fc.constantFrom(true, false, null),
    fc.constantFrom(...FIELDS.map((f) => ({ var: f.key }))),
    fc.array(fc.oneof(fc.integer(), fc.string()), { minLength: 1, maxLength: 3 }),
  ),
  logic: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc
      .record({ op: fc.constantFrom(...SIGNS), a: tie('logic'), b: tie('logic') })
      .map(({ op, a, b }) => ({ [op]: [a, b] })),
    fc
      .record({
        op: fc.constantFrom(...CHAINS),
        args: fc.array(tie('logic'), { minLength: 2, maxLength: 4 }),
      })
      .map(({ op, args }) => ({ [op]: args })),
    fc
      .record({ op: fc.constantFrom('-', '+', '!'), a: tie('logic') })
      .map(({ op, a }) => ({ [op]: [a] })),
    fc.array(tie('logic'), { minLength: 3, maxLength: 3 }).map((args) => ({ if: args })),
    fc
      .record({ op: fc.constantFrom(...CALLS), args: fc.array(tie('logic'), { maxLength: 3 }) })
      .map(({ op, args }) => ({ [op]: args })),
  ),
}));

describe('printFormula over random expressions', () => {
  it('writes every expression of the text grammar so that it reads back as the same logic', () => {
    fc.assert(
      fc.property(randomLogic, (logic) => {
        const text = printFormula(logic, FIELDS);
        expect(text).not.toBeNull();
        expect(parseFormula(text!, FIELDS)).toEqual({ ok: true, logic });
      }),
      { numRuns: 2000 },
    );
  });

  it('never writes text for a value it could not read back: any JSON is text that reads back, or null', () => {
    fc.assert(
      // Through JSON text, as a spec holds it (JSON has no -0).
      fc.property(
        fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown),
        (value) => {
          const text = printFormula(value, FIELDS);
          if (text !== null)
            expect(parseFormula(text, FIELDS)).toEqual({ ok: true, logic: longForm(value) });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('keeps as JSON what the text cannot say', () => {
    for (const logic of [
      { var: 'nowhere' },
      { var: ['price', 0] },
      { map: [{ var: 'tags' }, { var: '' }] },
      { '<': [1, { var: 'price' }, 10] },
      { '!!': [{ var: 'price' }] },
      { '*': [2] },
      { and: [true] },
      { a: 1, b: 2 },
    ])
      expect(printFormula(logic, FIELDS), JSON.stringify(logic)).toBeNull();
  });
});
