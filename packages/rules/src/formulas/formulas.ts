import { tryEvaluate } from '@trellis/logic';
import type { RecordData } from '../types';
import type { EntityModel } from '../model/entity-model';

type ResultType = 'number' | 'text' | 'boolean' | 'date' | 'money';

// A formula's raw JSONLogic result coerced to its declared type; anything unusable is null.
function coerce(v: unknown, type: ResultType): unknown {
  // Arithmetic over an empty field gives NaN (as JSONLogic's reference does): no value, not "NaN".
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return null;
  switch (type) {
    case 'number': {
      const n =
        typeof v === 'number'
          ? v
          : typeof v === 'string' && v.trim() !== ''
            ? Number(v)
            : Number.NaN;
      return Number.isFinite(n) ? n : null;
    }
    case 'money': {
      const n = typeof v === 'number' ? v : Number.NaN;
      return Number.isFinite(n) ? Math.round(n) : null;
    }
    case 'boolean':
      return Array.isArray(v) ? v.length > 0 : Boolean(v);
    case 'text':
      return typeof v === 'string'
        ? v
        : typeof v === 'number' || typeof v === 'boolean'
          ? String(v)
          : JSON.stringify(v);
    case 'date':
      if (typeof v === 'number' && Number.isFinite(v))
        return new Date(v).toISOString().slice(0, 10);
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null;
  }
}

/**
 * Computes the entity's formula fields into `record` (in declaration order, so a formula may use
 * an earlier one). A formula that fails to evaluate yields null rather than blocking the write;
 * spec validation already checked the expression's fields and operators.
 */
export function computeFormulas(model: EntityModel, record: RecordData, now: number): RecordData {
  for (const f of model.formulas) {
    const r = tryEvaluate(f.expression, record, { now });
    record[f.key] = r.ok ? coerce(r.value, f.resultType) : null;
  }
  return record;
}
