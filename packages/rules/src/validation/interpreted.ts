import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import type { RecordValidator, ValidatorError } from '../model/entity-model';

// Keywords that only say "something below failed": the failing leaf is reported on its own.
const CONTAINERS = new Set([
  'properties',
  'items',
  'prefixItems',
  'additionalProperties',
  'allOf',
  '$ref',
]);

const COMPARISON: Record<string, string> = {
  minimum: '>=',
  maximum: '<=',
  exclusiveMinimum: '>',
  exclusiveMaximum: '<',
};

// The ajv params of a keyword, from the schema value at the failing keyword (what the messages read).
function paramsOf(keyword: string, value: unknown): Record<string, unknown> {
  switch (keyword) {
    case 'type':
      return { type: Array.isArray(value) ? value.join(',') : value };
    case 'format':
      return { format: value };
    case 'pattern':
      return { pattern: value };
    case 'enum':
      return { allowedValues: value };
    case 'uniqueItems':
      return {};
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { comparison: COMPARISON[keyword], limit: value };
    default:
      return { limit: value };
  }
}

// The value at a JSON pointer of the schema ("#/properties/age/maximum").
function at(schema: unknown, location: string): unknown {
  let node = schema;
  for (const raw of location.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Record<string, unknown> | undefined)?.[part];
  }
  return node;
}

/**
 * A record validator that interprets a JSON Schema instead of compiling it
 * (`@cfworker/json-schema`), with ajv's error shape: for pages that may not evaluate code and
 * have no validator compiled ahead of time — the builder's preview of a draft that changes on
 * every edit. Slower than ajv's compiled code; the same errors on the entity schemas (a test
 * runs both over every field type).
 */
export function interpretedValidator(schema: Record<string, unknown>): RecordValidator {
  const validator = new Validator(structuredClone(schema) as Schema, '7', false);
  const validate: RecordValidator = (data) => {
    const { valid, errors } = validator.validate(data);
    validate.errors = valid ? null : toAjvErrors(schema, data, errors);
    return valid;
  };
  return validate;
}

function toAjvErrors(schema: unknown, data: unknown, units: OutputUnit[]): ValidatorError[] {
  const out: ValidatorError[] = [];
  const seenRequired = new Set<string>();
  for (const u of units) {
    if (CONTAINERS.has(u.keyword)) continue;
    const instancePath = u.instanceLocation.replace(/^#/, '');
    const schemaPath = u.keywordLocation;
    const value = at(schema, schemaPath);
    if (u.keyword === 'required') {
      // One unit per missing property; ajv names each in params.missingProperty.
      if (seenRequired.has(`${instancePath}|${schemaPath}`)) continue;
      seenRequired.add(`${instancePath}|${schemaPath}`);
      const instance = at(data, instancePath) as Record<string, unknown> | undefined;
      for (const key of (value as string[] | undefined) ?? [])
        if (!instance || !(key in instance))
          out.push({
            keyword: 'required',
            instancePath,
            schemaPath,
            params: { missingProperty: key },
          });
      continue;
    }
    out.push({ keyword: u.keyword, instancePath, schemaPath, params: paramsOf(u.keyword, value) });
  }
  return out;
}
