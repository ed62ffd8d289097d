import standaloneCode from 'ajv/dist/standalone';
import type { EntitySpec } from '@trellis/spec';
import { createAjv } from './ajv';
import { buildEntitySchema } from './entity-schema';

/**
 * The JSON Schema of the values a form submits: the entity schema restricted to `keys` (the
 * placed fields), so a page's validator knows nothing about fields it does not show.
 */
export function formValueSchema(
  entity: EntitySpec,
  keys: readonly string[],
): Record<string, unknown> {
  const placed = new Set(keys);
  const full = buildEntitySchema(entity) as {
    properties: Record<string, unknown>;
    required: string[];
  };
  return {
    type: 'object',
    properties: Object.fromEntries(
      Object.entries(full.properties).filter(([key]) => placed.has(key)),
    ),
    required: full.required.filter((key) => placed.has(key)),
  };
}

/**
 * Compiles `schema` ahead of time to the source of an ES module (ajv standalone): its default
 * export takes a `require` for ajv's few runtime helpers (`standaloneRequire` in browsers) and
 * returns the validator. A page running it needs neither ajv nor its compiler.
 */
export function standaloneValidatorModule(schema: Record<string, unknown>): string {
  const ajv = createAjv({ standalone: true });
  const cjs = standaloneCode(ajv, ajv.compile(schema));
  return `export default function (require) {\nconst module = { exports: {} };\nconst exports = module.exports;\n${cjs}\nreturn module.exports.default;\n}\n`;
}
