/**
 * The list of exactly the records behind a number: the entity's whole list (not a view with a
 * filter of its own) narrowed by the number's filter; `from` names where it came from.
 */
export function recordsHref(entity: string, filter: unknown, from: string): string {
  const q = new URLSearchParams({ view: `@${entity}`, filter: JSON.stringify(filter), from });
  return `/records/${entity}?${q.toString()}`;
}
