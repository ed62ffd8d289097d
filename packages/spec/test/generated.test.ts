import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReference } from '../scripts/render-reference';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { appSpecJsonSchema, appSpecPartJsonSchema, specErrorTemplates } from '../src/index';

type Schema = Record<string, unknown>;

/** Every property schema in the metaschema, with its JSON path. */
function properties(schema: Schema, path: string, out: [string, Schema][]): void {
  for (const [name, prop] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
    out.push([`${path}.${name}`, prop]);
    properties(prop, `${path}.${name}`, out);
  }
  for (const [pattern, value] of Object.entries(
    (schema.patternProperties ?? {}) as Record<string, Schema>,
  )) {
    out.push([`${path}[${pattern}]`, value]);
    properties(value, `${path}[${pattern}]`, out);
  }
  if (schema.items) properties(schema.items as Schema, `${path}[]`, out);
  for (const branch of [
    ...((schema.oneOf ?? []) as Schema[]),
    ...((schema.anyOf ?? []) as Schema[]),
  ])
    properties(branch, path, out);
}

describe('generated files', () => {
  it('app-spec.schema.json is the current metaschema (run `pnpm --filter @trellis/spec generate`)', () => {
    const file = readFileSync(join(__dirname, '..', 'app-spec.schema.json'), 'utf8');
    expect(file).toBe(`${JSON.stringify(appSpecJsonSchema, null, 2)}\n`);
  });

  it('app-spec-part.schema.json is current and accepts a file holding one part of a spec', () => {
    const file = readFileSync(join(__dirname, '..', 'app-spec-part.schema.json'), 'utf8');
    expect(file).toBe(`${JSON.stringify(appSpecPartJsonSchema, null, 2)}\n`);
    const validate = addFormats(
      new Ajv({ strict: true, discriminator: true, allowUnionTypes: true }),
    ).compile(appSpecPartJsonSchema);
    expect(validate({ teams: [{ key: 'tech', label: { en: 'Tech' } }] })).toBe(true);
    expect(validate({ teams: [{ key: 'Tech', label: { en: 'Tech' } }] })).toBe(false);
    expect(validate({ teamz: [] })).toBe(false);
  });

  it('docs/spec-reference.md is current (run `pnpm --filter @trellis/spec generate`)', () => {
    const file = readFileSync(
      join(__dirname, '..', '..', '..', 'docs', 'spec-reference.md'),
      'utf8',
    );
    expect(file).toBe(renderReference(appSpecJsonSchema, specErrorTemplates()));
  });

  it('gives every property a description (hover help in editors)', () => {
    const all: [string, Schema][] = [];
    properties(appSpecJsonSchema, 'AppSpec', all);
    expect(all.length).toBeGreaterThan(300);
    const missing = all
      .filter(([, s]) => typeof s.description !== 'string' || s.description.length < 3)
      .map(([p]) => p);
    expect(missing).toEqual([]);
  });

  it('documents every field type, trigger and action in the reference', () => {
    const md = renderReference(appSpecJsonSchema);
    for (const name of [
      '— text',
      '— region',
      '— formula',
      '— schedule',
      '— sla.breached',
      '— callWebhook',
      '— handover',
      '— hmac',
    ]) {
      expect(md).toContain(name);
    }
  });
});
