/**
 * Text normalization shared by the field normalizers. NFKC folds full-width digits and Latin
 * letters (１３８ -> 138, ＡＢＣ -> ABC) so identity keys match however they were typed.
 */

// Zero-width characters say nothing at the edges of a value (pasted from chat apps and web pages).
const ZERO_WIDTH_EDGES = /^[\s\u200B-\u200D\u2060\uFEFF]+|[\s\u200B-\u200D\u2060\uFEFF]+$/gu;
// A value of only whitespace and invisible characters (zero-width, fillers, joiners) is empty:
// it has no character outside them (a test stops at the first one; no copy is made).
const VISIBLE = /[^\s\p{Default_Ignorable_Code_Point}]/u;

function trimInvisible(s: string): string | null {
  const out = s.replace(ZERO_WIDTH_EDGES, '');
  return VISIBLE.test(out) ? out : null;
}

/** NFKC + trim (zero-width characters too); null for blank or only-invisible input. */
export function normalizeLine(s: string): string | null {
  return trimInvisible(s.normalize('NFKC'));
}

/**
 * Long text keeps full-width punctuation (NFKC would turn Chinese "，" into ","), so it only gets
 * NFC, one kind of line break and trimming.
 */
export function normalizeBlock(s: string): string | null {
  return trimInvisible(s.normalize('NFC').replace(/\r\n?/g, '\n'));
}

/**
 * Whether text holds a control character (C0, DEL, C1) it may not: NUL and the like break
 * exports, terminals and other systems downstream. Long text (`multiline`) may hold tab and line
 * breaks; single-line text none.
 */
export function hasControlChar(s: string, multiline: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      if (multiline && (c === 0x09 || c === 0x0a || c === 0x0d)) continue;
      return true;
    }
  }
  return false;
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
