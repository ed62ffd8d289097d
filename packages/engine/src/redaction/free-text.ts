import type { RecordData } from '../ports';
import { MASK } from './text-spans';

/** Shorter values (a 2-digit number, a one-letter code) would match inside unrelated text. */
const MIN_SECRET_LENGTH = 3;

/**
 * The values of a record's hidden fields as they could be quoted in free text (phones also
 * without +86). Only used for text the engine did not render itself (see `withholdText`).
 */
export function quotableValues(record: RecordData | null, hidden: ReadonlySet<string>): string[] {
  if (!record || hidden.size === 0) return [];
  const out: string[] = [];
  for (const field of hidden) {
    const value = record[field];
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v !== 'string' && typeof v !== 'number') continue;
      const text = String(v);
      if (text.length < MIN_SECRET_LENGTH) continue;
      out.push(text);
      if (text.startsWith('+86') && text.length - 3 >= MIN_SECRET_LENGTH) out.push(text.slice(3));
    }
  }
  return out;
}

/**
 * Free text whose origin the engine does not know (typed by a person, or stored by an older
 * version without spans) is withheld as a whole when it contains a value hidden from the reader:
 * never partly rewritten, so nothing around the value (numbers, ids, quotes) is garbled.
 */
export function withholdText<T extends string | null>(text: T, secrets: readonly string[]): T {
  if (text === null || secrets.length === 0) return text;
  return (secrets.some((s) => text.includes(s)) ? MASK : text) as T;
}

/**
 * The JSON payload of an item without provenance: keys named after hidden fields are dropped
 * and string values that contain a hidden value are withheld. Walks the data; ids, numbers and
 * times are never touched.
 */
export function withholdInData(
  value: unknown,
  hidden: ReadonlySet<string>,
  secrets: readonly string[],
): unknown {
  if (typeof value === 'string') return withholdText(value, secrets);
  if (Array.isArray(value)) return value.map((v) => withholdInData(v, hidden, secrets));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value))
    if (!hidden.has(key)) out[key] = withholdInData(v, hidden, secrets);
  return out;
}

/** Drops the keys named after hidden fields (any depth); values are kept as they are. */
export function dropHiddenKeys(value: unknown, hidden: ReadonlySet<string>): unknown {
  return withholdInData(value, hidden, []);
}
