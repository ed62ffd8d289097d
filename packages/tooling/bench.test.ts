import { describe, expect, it } from 'vitest';
import { ratio, summarise } from './bench';

describe('bench helpers', () => {
  it('gives a single slow run a throughput and a ratio (not 0 and null)', () => {
    const slow = summarise('seed b2b', [2_500], 2_500);
    const fast = summarise('seed baseline', [500], 500);
    expect(slow.ops).toBe(0.4);
    expect(fast.ops).toBe(2);
    expect(ratio(slow, fast)).toBe(0.2);
    expect(JSON.parse(JSON.stringify({ r: ratio(slow, fast) })).r).toBe(0.2);
  });

  it('keeps whole operations per second when there are many', () => {
    expect(summarise('many', Array(1000).fill(0.5), 500).ops).toBe(2000);
  });

  it('answers null, not NaN or Infinity, when a sample took no time', () => {
    const none = summarise('none', [], 10);
    expect(none.ops).toBe(0);
    expect(ratio(none, summarise('one', [1], 1))).toBeNull();
    expect(ratio(summarise('one', [1], 1), none)).toBeNull();
  });
});
