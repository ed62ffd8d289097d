/**
 * What the contract cases' generated data share: a seeded generator, so a failing case runs the
 * same records again, and `ok` / `allOk`, which unwrap store results or fail with the first error.
 */
export function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

export const ok = async <T>(
  p: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>,
): Promise<T> => {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

/** Unwraps every result of a bulk write (`insertMany`), or fails with the first error. */
export const allOk = <T>(
  results: ({ ok: true; value: T } | { ok: false; error: unknown })[],
): T[] =>
  results.map((r) => {
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  });
