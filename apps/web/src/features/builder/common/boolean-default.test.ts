import { describe, expect, it } from 'vitest';
import { switchShows, switchStores } from './boolean-default';

describe('a switch for a boolean the spec may leave out', () => {
  it('shows the default when left out, and a stored value as it is', () => {
    // "Skip people who are away" is on unless turned off (the engine's default is true).
    expect(switchShows(undefined, true)).toBe(true);
    expect(switchShows(false, true)).toBe(false);
    expect(switchShows(undefined, undefined)).toBe(false);
    expect(switchShows(true, undefined)).toBe(true);
  });

  it('stores only the value that differs from the default', () => {
    expect(switchStores(false, true)).toBe(false);
    expect(switchStores(true, true)).toBeUndefined();
    expect(switchStores(true, undefined)).toBe(true);
    expect(switchStores(false, undefined)).toBeUndefined();
  });
});
