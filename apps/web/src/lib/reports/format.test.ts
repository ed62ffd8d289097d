import { describe, expect, it } from 'vitest';
import { cellUnit, chartValue } from './format';

describe('a chart value', () => {
  it('is the number a bar label shows: yuan from fen, one decimal for days and averages', () => {
    expect(chartValue(23_980_000, 'money')).toBe(239_800);
    expect(chartValue(1.897742858229733, 'days')).toBe(1.9);
    expect(chartValue(4.683721, 'number')).toBe(4.7);
    expect(chartValue(207, 'count')).toBe(207);
    expect(chartValue(null, 'days')).toBeNull();
  });
});

describe('a cell unit', () => {
  it("is the row's in a column that takes it, else the column's own", () => {
    expect(cellUnit({ unit: 'count' }, { unit: 'number' })).toBe('count');
    expect(cellUnit({ unit: 'days' }, { unit: 'number' })).toBe('days');
    expect(cellUnit({}, { unit: 'number' })).toBe('number');
    // A before/after change of a count of leads is a rate, not a count ("75.5 %", not "1").
    expect(cellUnit({ unit: 'count' }, { unit: 'ratio' })).toBe('ratio');
    expect(cellUnit({}, { unit: 'money' })).toBe('money');
  });
});
