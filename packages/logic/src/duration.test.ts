import { describe, expect, it } from 'vitest';
import { addDuration, parseDuration } from './index';

const H = 3_600_000;
const D = 24 * H;

describe('parseDuration', () => {
  it.each([
    ['30m', 30 * 60_000],
    ['48h', 48 * H],
    ['7d', 7 * D],
    ['2w', 14 * D],
    ['45s', 45_000],
    ['1.5h', 1.5 * H],
    ['-7d', -7 * D],
    ['PT48H', 48 * H],
    ['PT30M', 30 * 60_000],
    ['P1DT2H', D + 2 * H],
    ['P2W', 14 * D],
    ['P3Y', 3 * 365 * D],
    ['P1M', 30 * D],
    ['PT0.5S', 500],
  ])('parses %s', (s, ms) => {
    expect(parseDuration(s)).toBe(ms);
  });

  it.each(['', 'P', 'PT', '7', 'd7', '7 days', '7D', 'P1H', 'T1H', '1y', 'abc', '--7d', 'PT-1H'])(
    'rejects %j',
    (s) => {
      expect(parseDuration(s)).toBeNull();
    },
  );

  it('rejects non-strings without throwing', () => {
    expect(parseDuration(7 as unknown as string)).toBeNull();
    expect(parseDuration(null as unknown as string)).toBeNull();
  });
});

describe('addDuration', () => {
  const jan31 = Date.UTC(2024, 0, 31, 9, 30);
  it('adds months calendar-aware and clamps to the last day of the month', () => {
    expect(addDuration(jan31, 'P1M')).toBe(Date.UTC(2024, 1, 29, 9, 30));
    expect(addDuration(Date.UTC(2023, 0, 31), 'P1M')).toBe(Date.UTC(2023, 1, 28));
    expect(addDuration(jan31, '-P2M')).toBe(Date.UTC(2023, 10, 30, 9, 30));
  });
  it('adds years calendar-aware (leap day)', () => {
    expect(addDuration(Date.UTC(2024, 1, 29), 'P1Y')).toBe(Date.UTC(2025, 1, 28));
    expect(addDuration(Date.UTC(2020, 5, 1), 'P3Y')).toBe(Date.UTC(2023, 5, 1));
  });
  it('adds fixed parts after the calendar part', () => {
    expect(addDuration(jan31, 'P1M1DT1H')).toBe(Date.UTC(2024, 2, 1, 10, 30));
    expect(addDuration(jan31, '48h')).toBe(jan31 + 48 * H);
  });
  it('returns null for invalid input', () => {
    expect(addDuration(jan31, 'soon')).toBeNull();
    expect(addDuration(Number.NaN, '1d')).toBeNull();
  });
});
