import { nextDay } from './period';
import type { Range } from './types';

/** JSONLogic AND of the conditions given (none: null = every record). */
export function and(...parts: unknown[]): unknown {
  const real = parts.filter((p) => p !== null && p !== undefined);
  if (real.length === 0) return null;
  if (real.length === 1) return real[0];
  return { and: real };
}

export function or(...parts: unknown[]): unknown {
  return parts.length === 1 ? parts[0] : { or: parts };
}

const v = (field: string) => ({ var: field });

export const eq = (field: string, value: unknown) => ({ '==': [v(field), value] });
export const isIn = (field: string, values: readonly unknown[]) => ({
  in: [v(field), [...values]],
});
export const notIn = (field: string, values: readonly unknown[]) => ({
  '!': { in: [v(field), [...values]] },
});
/** The record entered `stage` at some time (the store's virtual list field stagesEntered). */
export const entered = (stage: string) => ({ in: [stage, v('stagesEntered')] });

/**
 * The record entered (`side` 'left': left) `stage` at a time in the range, whole days in the
 * workspace zone as the range's epoch bounds: the store's EXISTS over its stage transitions.
 */
export const movedIn = (side: 'entered' | 'left', stage: string, r: Range) => ({
  [side === 'entered' ? 'enteredStage' : 'leftStage']: [stage, r.from ?? null, r.to ?? null],
});

/**
 * Records whose time field lies in the range: epoch ms for datetime and system time fields,
 * whole days for a date field (stored 'YYYY-MM-DD').
 */
export function within(field: string, r: Range, dateField: boolean): unknown {
  if (dateField)
    return and(
      r.fromDay ? { '>=': [v(field), r.fromDay] } : null,
      r.toDay ? { '<': [v(field), nextDay(r.toDay)] } : null,
    );
  return and(
    r.from !== undefined ? { '>=': [v(field), r.from] } : null,
    r.to !== undefined ? { '<': [v(field), r.to] } : null,
  );
}
