import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSpec } from '../src/index';
import { applyPatch } from './patch';
import type { PatchOp } from './patch';

type Fixture = { description: string; patch: PatchOp[]; errors: { path: string; code: string }[] };

const dir = join(__dirname, 'fixtures');
const base: unknown = JSON.parse(readFileSync(join(dir, 'valid', 'base.json'), 'utf8'));
const files = readdirSync(join(dir, 'invalid'))
  .filter((f) => f.endsWith('.json'))
  .sort();
const load = (file: string): Fixture =>
  JSON.parse(readFileSync(join(dir, 'invalid', file), 'utf8')) as Fixture;
const byPath = (a: { path: string; code: string }, b: { path: string; code: string }) =>
  `${a.path} ${a.code}`.localeCompare(`${b.path} ${b.code}`);

describe('invalid spec corpus', () => {
  it('has at least 60 fixtures, each for a different rule', () => {
    expect(files.length).toBeGreaterThanOrEqual(60);
    const signatures = new Set(files.map((f) => JSON.stringify(load(f).errors)));
    expect(signatures.size).toBe(files.length);
  });

  it('starts from a valid base spec', () => {
    expect(validateSpec(base, { locale: 'en' })).toEqual({ ok: true, errors: [] });
  });

  for (const file of files) {
    const fixture = load(file);
    it(`${file.replace(/\.json$/, '')}: ${fixture.description}`, () => {
      const spec = applyPatch(base, fixture.patch);
      for (const locale of ['zh-CN', 'en'] as const) {
        const result = validateSpec(spec, { locale });
        expect(result.ok).toBe(false);
        expect(result.errors.map(({ path, code }) => ({ path, code })).sort(byPath)).toEqual(
          [...fixture.errors].sort(byPath),
        );
        for (const e of result.errors) expect(e.message.length).toBeGreaterThan(5);
      }
    });
  }
});
