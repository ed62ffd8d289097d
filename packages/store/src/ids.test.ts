import { describe, expect, it } from 'vitest';
import { newId } from './ids';

describe('newId', () => {
  it('makes distinct, increasing UUIDv7 strings across many refills of its random pool', () => {
    const ids = Array.from({ length: 5000 }, () => newId());
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // The random tail differs between neighbours made in the same millisecond.
    const tails = new Set(ids.map((id) => id.slice(-12)));
    expect(tails.size).toBeGreaterThan(ids.length * 0.99);
  });
});
