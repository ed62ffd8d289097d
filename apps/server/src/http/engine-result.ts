import type { EngineError } from '../engine-port';
import { HttpProblem } from './problem';

const STATUS: Record<string, number> = {
  validation: 422,
  stage_gate: 422,
  invalid_input: 400,
  duplicate: 409,
  conflict: 409,
  // The engine says `forbidden` only for a record the caller may read (one they may not read
  // is `not_found`, so its existence does not leak): they are told they may not do this to it.
  forbidden: 403,
  not_found: 404,
  unknown_entity: 404,
  // A deadlock or lock timeout refused the write for a moment: nothing was written.
  unavailable: 503,
  internal: 500,
};

/** HTTP status of an engine error code. */
export function statusOf(error: EngineError): number {
  return STATUS[error.code] ?? 422;
}

/**
 * Turns an engine failure into a problem. `forbidden` answers the catalogue's "not allowed"
 * sentence, as bulk and ownership refusals do; every 404 the not-found text.
 */
export function engineProblem(
  error: EngineError,
  redactErrors: (errors: EngineError['errors']) => EngineError['errors'] = (e) => e,
): HttpProblem {
  const status = statusOf(error);
  if (status === 404) return new HttpProblem(404, 'not_found');
  if (error.code === 'unavailable') return busyProblem();
  if (error.code === 'forbidden') return new HttpProblem(403, 'forbidden');
  // A malformed query (a cursor, a filter) is named by its first problem, as the server's own
  // 400 answers are (`invalid_cursor`, `invalid_filter`), not by the engine's catch-all.
  const code =
    error.code === 'invalid_input' && error.errors?.[0] ? error.errors[0].code : error.code;
  // The engine already localized its own message; keep it as the detail.
  return new HttpProblem(status, code, {}, redactErrors(error.errors ?? []), {}, error.message);
}

/**
 * The answer to a write the database refused for a moment (a deadlock, a lock timeout: the
 * engine's `unavailable`, the store's `transient`): nothing of it was committed, so the client
 * retries it — with the same Idempotency-Key, an intake retry is safe.
 */
export function busyProblem(): HttpProblem {
  return new HttpProblem(503, 'database_busy', {}, [], { 'retry-after': '1' });
}
