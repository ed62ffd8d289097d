import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';

/** Formats the entity schemas use (spec field types' value schemas). */
export const AJV_FORMATS = ['date', 'email', 'uri', 'date-time', 'regex'] as const;

/**
 * One ajv instance per schema cache: compiled validators are reused for the life of a spec
 * version. `standalone` adds the source code needed by `ajv/dist/standalone`.
 */
export function createAjv(opts: { standalone?: boolean } = {}): Ajv {
  // allErrors: a form should show every problem at once, not the first one.
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    messages: true,
    ...(opts.standalone ? { code: { source: true } } : {}),
  });
  addFormats(ajv, [...AJV_FORMATS]);
  return ajv;
}

export type { ErrorObject };
