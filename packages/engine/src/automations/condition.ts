import type { RecordData } from '../ports';
import type { ConditionTrace } from './types';

export type Evaluate = (
  expr: unknown,
  data: RecordData,
  previous?: RecordData | null,
) => { ok: true; value: unknown } | { ok: false; message: string };

/** JSONLogic truthiness (empty arrays are false, as in json-logic-js). */
export function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return Boolean(v);
}

/**
 * Evaluates an automation's `if` and explains a miss: for a top-level `and` / `or`, each part
 * is evaluated and every failing part is listed with its JSON pointer (`/if/and/1`); otherwise
 * the whole condition is the failing part. No condition = matched.
 */
export function explainCondition(
  expr: unknown,
  record: RecordData,
  previous: RecordData | null,
  evaluate: Evaluate,
): ConditionTrace {
  if (expr === undefined || expr === null) return { matched: true, failed: [] };
  const whole = evaluate(expr, record, previous);
  if (!whole.ok) {
    return {
      matched: false,
      failed: [{ path: '/if', expr, error: whole.message }],
      error: whole.message,
    };
  }
  if (truthy(whole.value)) return { matched: true, failed: [] };
  const keys = typeof expr === 'object' && !Array.isArray(expr) ? Object.keys(expr) : [];
  const op = keys.length === 1 && (keys[0] === 'and' || keys[0] === 'or') ? keys[0] : undefined;
  const parts = op ? (expr as Record<string, unknown>)[op] : undefined;
  if (!op || !Array.isArray(parts))
    return { matched: false, failed: [{ path: '/if', expr, value: whole.value }] };
  // `and`: the parts that failed; `or`: all parts failed, each is listed.
  const failed: ConditionTrace['failed'] = [];
  parts.forEach((p, i) => {
    const r = evaluate(p, record, previous);
    if (!r.ok) failed.push({ path: `/if/${op}/${i}`, expr: p, error: r.message });
    else if (!truthy(r.value)) failed.push({ path: `/if/${op}/${i}`, expr: p, value: r.value });
  });
  return { matched: false, failed };
}
