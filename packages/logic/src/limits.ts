import type { LogicLimits } from './types';

/** Defaults sized for CRM rules: far above any hand-written condition, far below anything harmful. */
export const defaultLimits: LogicLimits = {
  maxDepth: 32,
  maxNodes: 2000,
  maxArrayLength: 10_000,
  maxStringLength: 100_000,
  maxIterations: 100_000,
};

/** Fills missing limits with defaults and ignores non-positive or non-numeric overrides. */
export function resolveLimits(partial?: Partial<LogicLimits>): LogicLimits {
  const out = { ...defaultLimits };
  if (!partial) return out;
  for (const key of Object.keys(defaultLimits) as (keyof LogicLimits)[]) {
    const v = partial[key];
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) out[key] = Math.floor(v);
  }
  return out;
}
