import { fullFormats } from 'ajv-formats/dist/formats';
import equal from 'ajv/dist/runtime/equal';
import ucs2length from 'ajv/dist/runtime/ucs2length';
import type { RecordValidator } from '../model/entity-model';

// The modules ajv standalone code asks for with the field types' schemas (a test compiles every
// field type and checks this list covers what the code requires).
// ajv's runtime files are CommonJS with `exports.default`: Node and vitest hand the function to
// a default import, a browser bundler may hand over the exports object. Take the function.
const fn = (m: unknown): unknown =>
  typeof m === 'function' ? m : (m as { default: unknown } | null)?.default;

const modules: Record<string, unknown> = {
  'ajv/dist/runtime/equal': { default: fn(equal) },
  'ajv/dist/runtime/ucs2length': { default: fn(ucs2length) },
  'ajv-formats/dist/formats': { fullFormats },
};

/** Names of the runtime modules `standaloneRequire` provides. */
export const STANDALONE_RUNTIME_MODULES = Object.keys(modules);

/** The `require` a standalone validator module is given in a browser. */
export function standaloneRequire(name: string): unknown {
  const found = modules[name];
  if (!found) throw new Error(`ajv standalone code needs ${name}, which the page does not bundle`);
  return found;
}

/** Turns a loaded standalone validator module (see `standaloneValidatorModule`) into a validator. */
export function loadStandaloneValidator(module: {
  default: (require: (name: string) => unknown) => RecordValidator;
}): RecordValidator {
  return module.default(standaloneRequire);
}
