/**
 * True when `text` certainly fits in `px` pixels on one line at `fontPx`, by an upper bound of
 * its glyphs' widths: wide (CJK, fullwidth) characters, capitals, `m`, `w`, `@`, `%` and any
 * other non-ASCII character one em, emoji and other astral characters one and a half, the
 * rest of ASCII 0.7 em (lowercase letters, digits and punctuation are narrower).
 * A list cell whose text fits needs no clip: every clipped cell cost each scrolled frame a
 * paint chunk, and layerizing them was the largest part of a frame.
 */
export function textFits(text: string, px: number, fontPx = 14): boolean {
  // Quick refusal before the walk: even all-narrow glyphs would not fit.
  if (text.length * 0.7 * fontPx > px) return false;
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    width += (cp > 0xffff ? 1.5 : narrow(cp) ? 0.7 : 1) * fontPx;
    if (width > px) return false;
  }
  return true;
}

/** ASCII glyphs at most 0.7 em wide in the usual sans-serif fonts ("W" is ~0.94 em, "m" 0.83). */
function narrow(cp: number): boolean {
  if (cp >= 0x80 || (cp >= 0x41 && cp <= 0x5a)) return false;
  return cp !== 0x6d && cp !== 0x77 && cp !== 0x40 && cp !== 0x25;
}

/**
 * About how wide `text` is on one line at `fontPx`: wide (CJK, fullwidth) characters one em,
 * capitals and other non-ASCII 0.8, the rest of ASCII 0.55 (a typical sans-serif's lowercase
 * and digits). Not a bound: for sizing a column by texts known before any row (a choice's option
 * labels), where a few pixels either way do not cut a word.
 */
export function textWidthEstimate(text: string, fontPx = 14): number {
  let em = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    em += cp > 0xffff ? 1.5 : wide(cp) ? 1 : narrow(cp) ? 0.55 : 0.8;
  }
  return em * fontPx;
}

/** CJK ideographs, kana, hangul and fullwidth forms: one em in every font that draws them. */
function wide(cp: number): boolean {
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xffef)
  );
}
