/**
 * True when `text` certainly fits in `px` pixels on one line at `fontPx`, by an upper bound of
 * its glyphs' widths: wide (CJK, fullwidth) characters one em, emoji and other astral
 * characters one and a half, anything else 0.7 em (Latin letters and digits are narrower).
 * A list cell whose text fits needs no clip: every clipped cell cost each scrolled frame a
 * paint chunk, and layerizing them was the largest part of a frame.
 */
export function textFits(text: string, px: number, fontPx = 14): boolean {
  // Quick refusal before the walk: even all-narrow glyphs would not fit.
  if (text.length * 0.7 * fontPx > px) return false;
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    width += (cp > 0xffff ? 1.5 : isWide(cp) ? 1 : 0.7) * fontPx;
    if (width > px) return false;
  }
  return true;
}

/** East Asian wide and fullwidth ranges (Hangul Jamo to Halfwidth forms), roughly. */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6)
  );
}
