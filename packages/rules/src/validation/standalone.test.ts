import { describe, expect, it } from 'vitest';
import { leadApp } from '../../test/fixtures/lead-app';
import { fullEnv } from '../env/full-env';
import { createEntityModel } from '../model/entity-model';
import { createSpecModel } from '../model/spec-model';
import { formValueSchema, standaloneValidatorModule } from './standalone';
import { loadStandaloneValidator, STANDALONE_RUNTIME_MODULES } from './standalone-runtime';
import { validateRecord } from './validate-record';

const entity = leadApp.entities[0]!;
const keys = entity.fields.map((f) => f.key);
const source = standaloneValidatorModule(formValueSchema(entity, keys));

async function load(code: string) {
  const module = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as Parameters<
    typeof loadStandaloneValidator
  >[0];
  return loadStandaloneValidator(module);
}

describe('ajv standalone validators', () => {
  it('need only the runtime modules a page bundles, for every field type', () => {
    const required = [...source.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(required.length).toBeGreaterThan(0);
    for (const name of required) expect(STANDALONE_RUNTIME_MODULES).toContain(name);
  });

  it('report exactly what the runtime-compiled validator reports, in both locales', async () => {
    const runtime = createSpecModel(leadApp, 1).entity('lead')!;
    const precompiled = createEntityModel(entity, { validate: await load(source), env: fullEnv });
    const records = [
      { name: 'Li', phone: '+8613800138000', city: '330100', tags: ['hot'] },
      {
        name: 'x'.repeat(51),
        email: 'nope',
        site: 'ftp://x',
        age: 12.5,
        budget: -1,
        birthday: '2026-02-30',
        tags: ['hot', 'hot', 'cold'],
        attachments: [{ name: 'a' }],
        vip: 'maybe',
      },
      {},
    ];
    for (const record of records)
      for (const locale of ['zh-CN', 'en'] as const) {
        const ctx = { locale, now: 0 };
        const want = validateRecord(runtime, record, ctx);
        expect(validateRecord(precompiled, record, ctx)).toEqual(want);
      }
    expect(validateRecord(runtime, records[1]!, { locale: 'en', now: 0 }).length).toBeGreaterThan(
      8,
    );
  });

  it('know only the fields placed on the form', async () => {
    const schema = formValueSchema(entity, ['name', 'phone']);
    expect(Object.keys(schema.properties as object)).toEqual(['name', 'phone']);
    expect(schema.required).toEqual(['name']);
    const code = standaloneValidatorModule(schema);
    expect(code).not.toContain('budget');
    const validate = await load(code);
    expect(validate({ name: 'A', budget: 'whatever' })).toBe(true);
    expect(validate({})).toBe(false);
  });
});
