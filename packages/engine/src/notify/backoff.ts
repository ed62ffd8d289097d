/** Retry policy of outbound deliveries (webhooks, email). */
export type BackoffPolicy = { baseMs: number; factor: number; maxMs: number };

export const defaultBackoff: BackoffPolicy = { baseMs: 30_000, factor: 2, maxMs: 6 * 3_600_000 };

/**
 * Delay before attempt `attempt + 1` after `attempt` failed attempts (1-based): base * factor^(attempt-1),
 * capped. Deterministic (no jitter) so schedules are testable with a fake clock; deliveries
 * are spread anyway because they fail at different times.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy = defaultBackoff): number {
  const n = Math.max(1, Math.floor(attempt));
  return Math.min(policy.maxMs, policy.baseMs * Math.pow(policy.factor, n - 1));
}
