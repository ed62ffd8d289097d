import { textFits } from './text-fits';

/** A text's width in pixels in one font. */
export type Measure = (text: string) => number;

/** A cell's text as shown: the whole text, or its beginning and an ellipsis (`cut`). */
export type CutText = { shown: string; cut: boolean };

const ELLIPSIS = '…';
/** Texts measured or cut per font before the caches start again (a list's distinct values). */
const KEPT = 5000;

/**
 * Widths in `font` (a CSS font shorthand): the sum of its characters' widths, each measured
 * once by a canvas's `measureText`, which shapes it with the same fonts and fallbacks as the
 * page's layout (a Chinese character in the CJK font). A text measured whole each time cost a
 * scrolled frame more script than the clip it saved (most names, phones and dates are new to
 * the list). Kerning is left out: it mostly narrows a text, and a cell's half pixel of slack
 * (`useColumnRoom`) and unclipped padding take a glyph's edge.
 */
export function canvasMeasure(font: string): Measure {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return (text) => text.length * 14;
  context.font = font;
  const widths = new Map<string, number>();
  return (text) => {
    let width = 0;
    for (const ch of text) {
      let w = widths.get(ch);
      if (w === undefined) {
        if (widths.size >= KEPT) widths.clear();
        w = context.measureText(ch).width;
        widths.set(ch, w);
      }
      width += w;
    }
    return width;
  };
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Cuts `text` to what fits `px` pixels on one line in the font `measure` measures (`fontPx` its
 * size): the whole text when it fits, else its longest beginning of whole graphemes (a Chinese
 * character, an emoji with its modifiers, a letter with its accents) followed by an ellipsis.
 * A list cell shows this instead of letting CSS clip its text: a clipped cell cost every
 * scrolled frame a clip of its own to paint. Texts that certainly fit (`textFits`) are not
 * measured.
 */
export function cutToFit(text: string, px: number, measure: Measure, fontPx = 14): CutText {
  if (textFits(text, px, fontPx) || measure(text) <= px) return { shown: text, cut: false };
  const graphemes = Array.from(segmenter.segment(text), (s) => s.segment);
  // The most graphemes whose beginning and the ellipsis fit: 0 when not even one does.
  let fit = 0;
  let over = graphemes.length;
  while (over - fit > 1) {
    const mid = (fit + over) >> 1;
    if (measure(graphemes.slice(0, mid).join('') + ELLIPSIS) <= px) fit = mid;
    else over = mid;
  }
  return { shown: graphemes.slice(0, fit).join('').trimEnd() + ELLIPSIS, cut: true };
}

/** `cutToFit` kept per width and text (the rows scrolling by show the same texts again). */
export function cutter(measure: Measure, fontPx = 14): (text: string, px: number) => CutText {
  const cuts = new Map<string, CutText>();
  return (text, px) => {
    if (textFits(text, px, fontPx)) return { shown: text, cut: false };
    const key = `${px}|${text}`;
    let cut = cuts.get(key);
    if (cut === undefined) {
      if (cuts.size >= KEPT) cuts.clear();
      cut = cutToFit(text, px, measure, fontPx);
      cuts.set(key, cut);
    }
    return cut;
  };
}
