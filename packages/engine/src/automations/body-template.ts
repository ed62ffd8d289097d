import type { RecordData } from '../ports';
import type { ActionContext } from './types';

/**
 * Evaluates a JSON body template: an object with one key is a JSONLogic expression
 * (`{"var": "name"}`), other objects and arrays are walked so each value may be an expression,
 * anything else is a literal. Lets a builder write `{"name": {"var": "name"}, "src": "crm"}`.
 */
export function evaluateBody(
  body: unknown,
  record: RecordData,
  previous: RecordData | null,
  ctx: Pick<ActionContext, 'evaluate'>,
): { ok: true; value: unknown } | { ok: false; message: string } {
  if (Array.isArray(body)) {
    const out: unknown[] = [];
    for (const item of body) {
      const r = evaluateBody(item, record, previous, ctx);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return { ok: true, value: out };
  }
  if (body === null || typeof body !== 'object') return { ok: true, value: body };
  const keys = Object.keys(body);
  if (keys.length === 1) return ctx.evaluate(body, record, previous);
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const r = evaluateBody((body as Record<string, unknown>)[k], record, previous, ctx);
    if (!r.ok) return r;
    out[k] = r.value;
  }
  return { ok: true, value: out };
}
