import { describe, expect, it } from 'vitest';
import { chartValue } from './format';

describe('a chart value', () => {
  it('is the number a bar label shows: yuan from fen, one decimal for days and averages', () => {
    expect(chartValue(23_980_000, 'money')).toBe(239_800);
    expect(chartValue(1.897742858229733, 'days')).toBe(1.9);
    expect(chartValue(4.683721, 'number')).toBe(4.7);
    expect(chartValue(207, 'count')).toBe(207);
    expect(chartValue(null, 'days')).toBeNull();
  });
});
