import type { FieldError, Locale } from '@trellis/rules';
import { t, type MessageKey } from './messages';

export type { FieldError } from '@trellis/rules';
export { pointer } from '@trellis/rules';

/** Top-level error codes of engine results. */
export type EngineErrorCode =
  | 'validation'
  | 'duplicate'
  | 'stage_gate'
  | 'conflict'
  | 'not_found'
  | 'forbidden'
  | 'unknown_entity'
  | 'invalid_input'
  // The database refused the write for a moment (a deadlock, a lock timeout): nothing was
  // written, the same call may simply be made again (the server answers 503 with Retry-After).
  | 'unavailable'
  | 'internal';

/** The error value every engine call returns instead of throwing. */
export type EngineError = {
  code: EngineErrorCode;
  message: string;
  errors: FieldError[];
  /** duplicate: the existing record; conflict: the current version. */
  details?: Record<string, unknown>;
};

export type Failure = { ok: false; error: EngineError };

/** Builds an engine error whose message comes from the catalogue. */
export function engineError(
  code: EngineErrorCode,
  locale: Locale,
  key: MessageKey,
  params: Record<string, unknown> = {},
  errors: FieldError[] = [],
  details?: Record<string, unknown>,
): Failure {
  const error: EngineError = { code, message: t(locale, key, params), errors };
  if (details) error.details = details;
  return { ok: false, error };
}

/** A validation failure carrying the list of field errors. */
export function validationFailure(locale: Locale, errors: FieldError[]): Failure {
  return engineError('validation', locale, 'validation', { count: errors.length }, errors);
}

/** Builds one field error with a catalogue message. */
export function fieldError(
  locale: Locale,
  path: string,
  code: string,
  key: MessageKey,
  params: Record<string, unknown> = {},
): FieldError {
  return { path, code, message: t(locale, key, params), params };
}

/** The failure for a page cursor that is not one the list gave out. */
export function invalidCursor(locale: Locale): Failure {
  return engineError('invalid_input', locale, 'invalidCursor', {}, [
    fieldError(locale, '/cursor', 'invalid_cursor', 'invalidCursor'),
  ]);
}
