import { createHash } from 'node:crypto';

/** A value in one form for both adapters: flags as 0/1, JSON (text or parsed) re-serialised with sorted keys. */
function canonical(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    if (!/^\s*[[{]/.test(v)) return v;
    try {
      return stable(JSON.parse(v));
    } catch {
      return v;
    }
  }
  if (typeof v === 'object' && !Buffer.isBuffer(v)) return stable(v);
  if (Buffer.isBuffer(v)) return v.toString('base64');
  return v;
}

function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : x,
  );
}

export type TableChecksum = {
  add(rows: readonly Record<string, unknown>[]): void;
  rows(): number;
  digest(): string;
};

/**
 * A table's checksum that does not depend on row order or on how an adapter stores a type:
 * each row (the given columns only) hashed in canonical form, the sorted hashes hashed again.
 */
export function tableChecksum(columns: readonly string[]): TableChecksum {
  const hashes: string[] = [];
  return {
    add(rows) {
      for (const row of rows) {
        const values = columns.map((c) => canonical(row[c]));
        hashes.push(createHash('sha256').update(JSON.stringify(values)).digest('base64'));
      }
    },
    rows: () => hashes.length,
    digest() {
      const h = createHash('sha256');
      for (const x of hashes.sort()) h.update(x);
      return h.digest('hex');
    },
  };
}
