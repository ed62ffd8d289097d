import { describe, expect, it } from 'vitest';
import type { EntitySpec } from '@trellis/spec';
import { afterKey, handoverWindows } from './handover-windows';

const H = 3_600_000;
const entity = (handover?: EntitySpec['handover']) => ({ key: 'lead', handover }) as EntitySpec;

describe("the handover dialog's windows", () => {
  it("reads the entity's contact task and cooldown, 24 h and 48 h when it names none", () => {
    expect(handoverWindows(entity())).toEqual({
      contact: { ms: 24 * H, unit: 'hours', count: 24 },
      cooldown: { ms: 48 * H, unit: 'hours', count: 48 },
    });
    const off = handoverWindows(entity({ contactWithin: '0h', cooldown: '2d' }));
    expect(off.contact.ms).toBe(0);
    expect(off.cooldown).toEqual({ ms: 48 * H, unit: 'days', count: 2 });
  });

  it('keeps the unit the spec wrote, else says the largest whole one', () => {
    const w = (contactWithin: string) => handoverWindows(entity({ contactWithin })).contact;
    expect(w('90m')).toEqual({ ms: 1.5 * H, unit: 'minutes', count: 90 });
    expect(w('1w')).toEqual({ ms: 168 * H, unit: 'weeks', count: 1 });
    expect(w('PT36H')).toEqual({ ms: 36 * H, unit: 'hours', count: 36 });
    expect(w('P3D')).toEqual({ ms: 72 * H, unit: 'days', count: 3 });
    expect(w('5400s')).toEqual({ ms: 1.5 * H, unit: 'minutes', count: 90 });
    // What the engine would not read counts as its default, as on the server.
    expect(w('soon')).toEqual({ ms: 24 * H, unit: 'hours', count: 24 });
  });

  it('mentions only the windows that are on, and nothing when both are off', () => {
    const on = { ms: H, unit: 'hours', count: 1 } as const;
    const off = { ms: 0, unit: 'hours', count: 0 } as const;
    expect(afterKey({ contact: on, cooldown: on })).toBe('handover.after');
    expect(afterKey({ contact: on, cooldown: off })).toBe('handover.afterContact');
    expect(afterKey({ contact: off, cooldown: on })).toBe('handover.afterCooldown');
    expect(afterKey({ contact: off, cooldown: off })).toBeNull();
  });
});
