import { columnKind } from '../entity/column-types';
import type { FieldShape } from '../spec-shape';

export type Converted = { ok: true; value: unknown } | { ok: false };

const NO: Converted = { ok: false };
const yes = (value: unknown): Converted => ({ ok: true, value });

const TRUE = new Set(['true', '1', 'yes', 'y', '是', '对']);
const FALSE = new Set(['false', '0', 'no', 'n', '否', '不']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A value as a number: numbers as is, money in yuan, numeric strings (with thousands separators). */
function asNumber(v: unknown, from: FieldShape): number | null {
  if (typeof v === 'number') return from.type === 'money' ? v / 100 : v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v !== 'string') return null;
  const s = v.normalize('NFKC').trim().replace(/,/g, '');
  if (s === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return null;
  const x = Number(s);
  return Number.isFinite(x) ? x : null;
}

function asDate(v: unknown, from: FieldShape): string | null {
  if (typeof v === 'number' && from.type === 'datetime')
    return new Date(v).toISOString().slice(0, 10);
  if (typeof v !== 'string') return null;
  const s = v.trim();
  const d = Date.parse(ISO_DATE.test(s) ? `${s}T00:00:00Z` : s);
  return Number.isNaN(d) ? null : new Date(d).toISOString().slice(0, 10);
}

function asText(v: unknown, from: FieldShape): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (from.type === 'datetime') return new Date(v).toISOString();
    return String(from.type === 'money' ? v / 100 : v);
  }
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(', ');
  return null;
}

/**
 * Converts one stored value (engine form of `from`) to the engine form of `to`. Used both to
 * measure ("12 values do not convert") and to apply a retype. Select targets only accept
 * values that are options of the new field.
 */
export function convertValue(v: unknown, from: FieldShape, to: FieldShape): Converted {
  if (v === null || v === undefined) return yes(null);
  const options = to.options ? new Set(to.options.map((o) => o.value)) : null;
  const kind = columnKind(to);
  switch (kind.logicType) {
    case 'number': {
      const x = asNumber(v, from);
      return x === null ? NO : yes(x);
    }
    case 'integer': {
      const x = asNumber(v, from);
      if (x === null) return NO;
      if (to.type === 'money' || (to.type === 'formula' && to.resultType === 'money'))
        return yes(from.type === 'money' && typeof v === 'number' ? v : Math.round(x * 100));
      return Number.isInteger(x) ? yes(x) : NO;
    }
    case 'boolean': {
      if (typeof v === 'boolean') return yes(v);
      if (typeof v === 'number') return v === 0 || v === 1 ? yes(v === 1) : NO;
      const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
      return TRUE.has(s) ? yes(true) : FALSE.has(s) ? yes(false) : NO;
    }
    case 'date': {
      const d = asDate(v, from);
      return d === null ? NO : yes(d);
    }
    case 'datetime': {
      if (typeof v === 'number' && Number.isSafeInteger(v)) return yes(v);
      if (typeof v !== 'string') return NO;
      const s = v.trim();
      const t = Date.parse(ISO_DATE.test(s) ? `${s}T00:00:00Z` : s);
      return Number.isNaN(t) ? NO : yes(t);
    }
    case 'json': {
      if (to.type === 'file') return Array.isArray(v) ? yes(v) : NO;
      const arr = Array.isArray(v)
        ? v
        : typeof v === 'string'
          ? v.trim() === ''
            ? []
            : [v]
          : null;
      if (!arr || !arr.every((x) => typeof x === 'string')) return NO;
      if (options && !arr.every((x) => options.has(x))) return NO;
      return yes(arr);
    }
    case 'text': {
      if (Array.isArray(v) && v.length === 0) return yes(null);
      // A multi-value becomes one choice only when it holds exactly one option.
      if (Array.isArray(v) && options && v.length !== 1) return NO;
      const s = Array.isArray(v) && v.length === 1 ? asText(v[0], from) : asText(v, from);
      if (s === null || (options && !options.has(s))) return NO;
      return yes(s);
    }
  }
}

/** Whether stored values must be rewritten when a field changes from `from` to `to`. */
export function needsConversion(from: FieldShape, to: FieldShape): boolean {
  const a = columnKind(from);
  const b = columnKind(to);
  if (a.sqlType !== b.sqlType || a.codec !== b.codec || a.logicType !== b.logicType) return true;
  if (from.type === 'money' || to.type === 'money') return from.type !== to.type; // yuan <-> fen
  // Becoming a choice field: existing values must be options of it.
  const choice = (t: string) => t === 'select' || t === 'multiselect';
  return choice(to.type) && !choice(from.type);
}
