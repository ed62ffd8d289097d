import { describe, expect, it } from 'vitest';
import { cutter, cutToFit, type Measure } from './text-cut';

/** A font where a CJK character or the ellipsis is 14 px, anything else 8. */
const measure: Measure = (text) =>
  Array.from(text).reduce((w, ch) => w + (/[\u3000-\u9fff…]/.test(ch) ? 14 : 8), 0);

describe('cutToFit', () => {
  it('keeps a text that fits whole', () => {
    expect(cutToFit('钱海涛', 42, measure)).toEqual({ shown: '钱海涛', cut: false });
    expect(cutToFit('Wang Xiaoming', 104, measure)).toEqual({ shown: 'Wang Xiaoming', cut: false });
  });

  it('cuts a long text to its longest beginning that fits with an ellipsis', () => {
    // 5 characters and the ellipsis are 84 px; 6 would be 98.
    expect(cutToFit('北京市朝阳区望京街道', 90, measure)).toEqual({
      shown: '北京市朝阳…',
      cut: true,
    });
    // 8 px a letter: "Course o" is 64, with the ellipsis 78; the space before "o" is not kept alone.
    expect(cutToFit('Course of interest', 80, measure).shown).toBe('Course o…');
    expect(cutToFit('Course of interest', 70, measure).shown).toBe('Course…');
  });

  it('never cuts inside a character: an emoji with its modifier stays whole or goes', () => {
    const waving = '👋🏽';
    const shown = cutToFit(`${waving}${waving}${waving}`, 40, measure).shown;
    expect(shown).toBe(`${waving}…`);
    expect(cutToFit('钱', 10, measure)).toEqual({ shown: '…', cut: true });
  });
});

describe('cutter', () => {
  it('answers the same cut again without measuring again, and a text that certainly fits without measuring', () => {
    let measured = 0;
    const counting: Measure = (text) => (measured++, measure(text));
    const cut = cutter(counting);
    expect(cut('短', 100)).toEqual({ shown: '短', cut: false });
    expect(measured).toBe(0);
    const first = cut('北京市朝阳区望京街道', 90);
    const after = measured;
    expect(cut('北京市朝阳区望京街道', 90)).toBe(first);
    expect(measured).toBe(after);
  });
});
