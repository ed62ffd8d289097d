/** Structural equality of JSON values; object key order does not matter, array order does. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return (
    ak.length === bk.length && ak.every((k) => Object.hasOwn(bo, k) && jsonEqual(ao[k], bo[k]))
  );
}

/** Names of the properties whose values differ (ignoring `omit`), sorted. */
export function changedProps(a: object, b: object, omit: readonly string[] = []): string[] {
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  return [...keys].filter((k) => !omit.includes(k) && !jsonEqual(ao[k], bo[k])).sort();
}

/** A shallow copy without the omitted properties (for before/after snapshots of containers). */
export function without<T extends object>(o: T, omit: readonly string[]): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !omit.includes(k))) as Partial<T>;
}
