import type { FieldSpec } from '@trellis/spec';

const TRUE = new Set(['true', 'on', '1', 'yes']);
const FALSE = new Set(['false', 'off', '0', 'no']);

/**
 * Turns the strings of an urlencoded form post into engine values by field type. Money typed
 * by people is in yuan and becomes integer fen. Strings that do not parse are passed through
 * unchanged, so the engine's validator reports them with a proper message.
 */
export function coerceFormValue(field: FieldSpec, raw: string | string[]): unknown {
  if (field.type === 'multiselect' || (field.type === 'relation' && field.multiple)) {
    const list = (Array.isArray(raw) ? raw : [raw])
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v !== '');
    return list;
  }
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? '';
  if (value === '') return null;
  switch (field.type) {
    case 'number':
    case 'percent': {
      const n = Number(value);
      return Number.isFinite(n) ? n : value;
    }
    case 'money': {
      const n = Number(value);
      return Number.isFinite(n) ? Math.round(n * 100) : value;
    }
    case 'boolean':
      return TRUE.has(value.toLowerCase()) ? true : FALSE.has(value.toLowerCase()) ? false : value;
    case 'datetime': {
      const ms = Date.parse(value);
      return Number.isFinite(ms) ? ms : value;
    }
    default:
      return value;
  }
}
