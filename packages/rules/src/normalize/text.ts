/**
 * Text normalization shared by the field normalizers. NFKC folds full-width digits and Latin
 * letters (１３８ -> 138, ＡＢＣ -> ABC) so identity keys match however they were typed.
 */

/** NFKC + trim; returns null for blank input. */
export function normalizeLine(s: string): string | null {
  const out = s.normalize('NFKC').trim();
  return out === '' ? null : out;
}

/**
 * Long text keeps full-width punctuation (NFKC would turn Chinese "，" into ","), so it only gets
 * NFC and trimming.
 */
export function normalizeBlock(s: string): string | null {
  const out = s.normalize('NFC').trim();
  return out === '' ? null : out;
}

/** Numbers and booleans arriving where text is expected (CSV imports) become their text. */
export function asText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'bigint') return v.toString();
  return undefined;
}

/** Parses "1,234.5", "１２３", " 42 " into a number; undefined when it is not numeric text. */
export function parseNumberText(s: string): number | undefined {
  const compact = s
    .normalize('NFKC')
    .trim()
    .replace(/[,_\s]/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(compact)) return undefined;
  const n = Number(compact);
  return Number.isFinite(n) ? n : undefined;
}
