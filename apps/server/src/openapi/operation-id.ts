const pascal = (word: string): string =>
  word
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

/**
 * The operationId of a fixed endpoint, derived from its method and path so that adding an
 * endpoint cannot forget one: `get /api/v1/records/{entity}/{id}/history` ->
 * `getRecordsByEntityByIdHistory`. Paths are unique per method, so the ids are too.
 */
export function operationIdOf(method: string, path: string): string {
  const parts = path
    .replace(/^\/api\/v1\//, '/')
    .split('/')
    .filter(Boolean)
    .map((seg) => (seg.startsWith('{') ? `By${pascal(seg.slice(1, -1))}` : pascal(seg)));
  return `${method}${parts.join('')}`;
}

/** `trial-apply` -> `TrialApply`, `lead` -> `Lead`: a key as part of an operationId. */
export const idPart = pascal;
