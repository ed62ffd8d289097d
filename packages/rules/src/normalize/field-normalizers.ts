import type { FieldSpec, FieldType } from '@trellis/spec';
import type { RuleEnv } from '../env/types';
import type { RuleMessageKey } from '../i18n/messages';
import { normalizeEmail } from './email';
import { normalizePhone } from './phone';
import { isKnownRegion, regionCode } from './region';
import { asText, hasControlChar, normalizeBlock, normalizeLine, parseNumberText } from './text';

/** Outcome of normalizing one value: the value to validate, plus an issue when the input is unusable. */
export type Normalized = { value: unknown; issue?: { code: string; key: RuleMessageKey } };

type Normalizer = (value: unknown, field: FieldSpec, env: RuleEnv) => Normalized;

const keep = (value: unknown): Normalized => ({ value });

const line: Normalizer = (v) => {
  const s = asText(v);
  return s === undefined ? keep(v) : keep(normalizeLine(s));
};

const numeric = (v: unknown): Normalized => {
  if (typeof v !== 'string') return keep(v);
  if (v.trim() === '') return keep(null);
  const n = parseNumberText(v);
  return keep(n === undefined ? v : n);
};

const BOOL_TEXT: Record<string, boolean> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  y: true,
  n: false,
  '1': true,
  '0': false,
  是: true,
  否: false,
  对: true,
  错: false,
  有: true,
  无: false,
};

// A select may be given its stored value or (imports, intake) one of its labels.
function optionValue(field: FieldSpec, text: string): string {
  if (field.type !== 'select' && field.type !== 'multiselect') return text;
  if (field.options.some((o) => o.value === text)) return text;
  const lower = text.toLowerCase();
  const byLabel = field.options.find((o) =>
    Object.values(o.label).some((l) => typeof l === 'string' && l.toLowerCase() === lower),
  );
  return byLabel ? byLabel.value : text;
}

function list(v: unknown, item: (x: unknown) => unknown): unknown {
  const arr = typeof v === 'string' ? v.split(/[,，;；、\n]/) : Array.isArray(v) ? v : [v];
  const out = [...new Set(arr.map(item).filter((x) => x !== null && x !== undefined))];
  return out.length === 0 ? null : out;
}

const idValue = (v: unknown): unknown => (typeof v === 'string' ? normalizeLine(v) : v);

/**
 * The engine half of the field type registry: how raw input of each type becomes the value the
 * engine stores (docs/engine.md, "The write path", step 2). Validation runs on the result.
 */
export const fieldNormalizers: Record<FieldType, Normalizer> = {
  text: line,
  url: line,
  longtext: (v) => (typeof v === 'string' ? keep(normalizeBlock(v)) : keep(v)),
  email: (v) => {
    const s = asText(v);
    if (s === undefined) return keep(v);
    if (s.trim() === '') return keep(null);
    const r = normalizeEmail(s);
    return r.ok
      ? keep(r.value)
      : { value: r.value, issue: { code: 'invalid_email', key: 'invalidEmail' } };
  },
  phone: (v, f, env) => {
    const s = asText(v);
    if (s === undefined) return keep(v);
    if (s.trim() === '') return keep(null);
    if (f.type === 'phone' && f.normalize === 'none') return keep(normalizeLine(s));
    const r = normalizePhone(s, (f.type === 'phone' ? f.defaultRegion : undefined) ?? 'CN', env);
    return r.ok
      ? keep(r.value)
      : { value: r.value, issue: { code: 'invalid_phone', key: 'invalidPhone' } };
  },
  number: numeric,
  percent: (v) => numeric(typeof v === 'string' ? v.replace(/[%％]\s*$/, '') : v),
  money: numeric,
  date: (v) => {
    if (typeof v !== 'string') return keep(v);
    const s = normalizeLine(v);
    if (s === null) return keep(null);
    // 2026/1/5, 2026.01.05, 2026年1月5日 -> 2026-01-05
    const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
    return keep(m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : s);
  },
  datetime: (v) => {
    if (typeof v !== 'string') return keep(v);
    const s = normalizeLine(v);
    if (s === null) return keep(null);
    if (/^\d+$/.test(s)) return keep(Number(s));
    const ms = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(s)
      ? Date.parse(s.replace(' ', 'T'))
      : Number.NaN;
    return keep(Number.isNaN(ms) ? s : ms);
  },
  boolean: (v) => {
    if (typeof v === 'number' && (v === 0 || v === 1)) return keep(v === 1);
    if (typeof v !== 'string') return keep(v);
    const s = normalizeLine(v);
    if (s === null) return keep(null);
    const b = BOOL_TEXT[s.toLowerCase()];
    return keep(b === undefined ? s : b);
  },
  select: (v, f) => {
    const s = asText(v);
    if (s === undefined) return keep(v);
    const n = normalizeLine(s);
    return keep(n === null ? null : optionValue(f, n));
  },
  multiselect: (v, f) => {
    if (v === null || v === undefined) return keep(null);
    return keep(
      list(v, (x) => {
        const s = asText(x);
        if (s === undefined) return x;
        const n = normalizeLine(s);
        return n === null ? null : optionValue(f, n);
      }),
    );
  },
  relation: (v, f) =>
    f.type === 'relation' && f.multiple
      ? keep(v === null || v === undefined ? null : list(v, idValue))
      : keep(idValue(v)),
  user: (v, f) =>
    f.type === 'user' && f.multiple
      ? keep(v === null || v === undefined ? null : list(v, idValue))
      : keep(idValue(v)),
  file: (v) => {
    if (v === null || v === undefined) return keep(null);
    const arr = Array.isArray(v) ? v : [v];
    return keep(arr.length === 0 ? null : arr);
  },
  region: (v, f, env) => {
    const s = asText(v);
    if (s === undefined) return keep(v);
    const n = normalizeLine(s);
    if (n === null) return keep(null);
    const level = f.type === 'region' ? (f.level ?? 'district') : 'district';
    const code = regionCode(n, level, env.regions);
    return isKnownRegion(code, level, env.regions)
      ? keep(code)
      : { value: code, issue: { code: 'invalid_region', key: 'invalidRegion' } };
  },
  // Formula values are computed by the engine, never taken from input.
  formula: keep,
};

// Text given for any field (a name, a select label, an id in a list) is checked the same way.
function controlCharIn(value: unknown, multiline: boolean): boolean {
  if (typeof value === 'string') return hasControlChar(value, multiline);
  return (
    Array.isArray(value) && value.some((x) => typeof x === 'string' && hasControlChar(x, false))
  );
}

/**
 * Normalizes one field value; undefined stays undefined (field not given). Control characters
 * (except tab and line breaks in long text) are refused, never stored.
 */
export function normalizeFieldValue(field: FieldSpec, value: unknown, env: RuleEnv): Normalized {
  if (value === undefined) return { value: undefined };
  if (value === null) return { value: null };
  if (controlCharIn(value, field.type === 'longtext'))
    return { value, issue: { code: 'invalid_characters', key: 'invalidCharacters' } };
  return fieldNormalizers[field.type](value, field, env);
}
