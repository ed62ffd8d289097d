import { createLogic } from '@trellis/logic';

// Operators a formula's text cannot write as a call: special forms written with their own signs
// or words, loops whose bodies read items instead of fields, lists of field names, and a list
// filter's stage moves (the spec allows them in list filters only).
const NOT_CALLS = new Set([
  'var',
  'and',
  'or',
  'map',
  'filter',
  'reduce',
  'all',
  'some',
  'none',
  'missing',
  'missing_some',
  'enteredStage',
  'leftStage',
]);

/** Functions a formula may call by name: the runtime's operators that read as a name, e.g. `if`, `sha256`. */
export const FORMULA_FUNCTIONS: ReadonlySet<string> = new Set(
  createLogic()
    .operators()
    .filter((op) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(op) && !NOT_CALLS.has(op)),
);
