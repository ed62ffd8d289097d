import { describe, expect, it } from 'vitest';
import { textFits } from './text-fits';

describe('textFits', () => {
  it('counts a Chinese character as a full em and narrow Latin as 0.7 em', () => {
    expect(textFits('钱海涛', 42)).toBe(true);
    expect(textFits('钱海涛', 41)).toBe(false);
    expect(textFits('abcdefghij', 98)).toBe(true);
    expect(textFits('abcdefghij', 97)).toBe(false);
  });
  it('counts capitals, m, w, @ and other non-ASCII letters as a full em, never less than they take', () => {
    expect(textFits('WMWMW', 70)).toBe(true);
    expect(textFits('WMWMW', 69)).toBe(false);
    expect(textFits('mw@%', 56)).toBe(true);
    expect(textFits('mw@%', 55)).toBe(false);
    expect(textFits('Ærø', 37.8)).toBe(true);
    expect(textFits('Ærø', 37.7)).toBe(false);
  });
  it('counts an emoji as one and a half em', () => {
    expect(textFits('😀', 21)).toBe(true);
    expect(textFits('😀', 20)).toBe(false);
  });
  it('refuses long text early and accepts the empty string', () => {
    expect(textFits('x'.repeat(1000), 96)).toBe(false);
    expect(textFits('', 0)).toBe(true);
  });
});
