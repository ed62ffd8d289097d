import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { measure, ratio } from '@trellis/tooling/bench';
import { diffSpec, validateSpec } from '../src/index';
import type { AppSpec } from '../src/index';
import { specValidator } from '../src/validate/structural';

/**
 * Cost of validating a realistic spec (the test base spec: 3 entities, 25 fields, 9 automations)
 * against the structural ajv check alone in the same process (the baseline), plus the one-off
 * compile of the metaschema and the cost of diffSpec.
 */
const spec = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'test', 'fixtures', 'valid', 'base.json'), 'utf8'),
) as AppSpec;

const t0 = performance.now();
const validator = specValidator();
const compileMs = Math.round((performance.now() - t0) * 10) / 10;

const structural = measure('ajv structural only (baseline)', () => validator(spec), 2000, 200);
const full = measure(
  'validateSpec (structural + semantic)',
  () => validateSpec(spec, { locale: 'en' }),
  2000,
  200,
);
const other = structuredClone(spec);
other.entities[0]?.fields.push({ key: 'wechat', type: 'text', label: { 'zh-CN': '微信' } });
const diff = measure('diffSpec', () => diffSpec(spec, other), 2000, 200);

console.log(
  JSON.stringify(
    {
      compileMetaschemaMs: compileMs,
      results: [structural, full, diff],
      ratioFullToStructural: ratio(full, structural),
    },
    null,
    2,
  ),
);
