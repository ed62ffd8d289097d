import { fullFormats } from 'ajv-formats/dist/formats';
import equal from 'ajv/dist/runtime/equal';
import ucs2length from 'ajv/dist/runtime/ucs2length';
import type { RecordValidator } from '../model/entity-model';

// The modules ajv standalone code asks for with the field types' schemas (a test compiles every
// field type and checks this list covers what the code requires).
const modules: Record<string, unknown> = {
  'ajv/dist/runtime/equal': { default: equal },
  'ajv/dist/runtime/ucs2length': { default: ucs2length },
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
