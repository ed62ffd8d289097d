import { describe, expect, it } from 'vitest';
import { temporaryPassword } from './temp-password';

describe('temporaryPassword', () => {
  it('is four groups of letters and digits without look-alikes, 17 characters with dashes', () => {
    const p = temporaryPassword();
    expect(p).toMatch(
      /^[a-km-zA-HJ-NP-Z2-9]{4}-[a-km-zA-HJ-NP-Z2-9]{4}-[a-km-zA-HJ-NP-Z2-9]{4}-[a-km-zA-HJ-NP-Z2-9]{2}$/,
    );
    expect(p.length).toBeGreaterThanOrEqual(10);
  });

  it('skips bytes that would bias the alphabet and differs from call to call', () => {
    // 255 is over the largest multiple of 56 (224): never used; 0 is "a", 57 is "b".
    const bytes = () => new Uint8Array(Array.from({ length: 32 }, (_, i) => (i % 2 ? 255 : 57)));
    expect(temporaryPassword(bytes)).toBe('bbbb-bbbb-bbbb-bb');
    expect(temporaryPassword()).not.toBe(temporaryPassword());
  });
});
