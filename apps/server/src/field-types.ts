import type { FieldOfType, FieldSpec, FieldType } from '@trellis/spec';
import { localize } from '@trellis/spec';

type Locale = 'zh-CN' | 'en';

/**
 * The server half of the field type registry (spec, store and forms keep theirs, keyed by the
 * same `FieldType`): how an urlencoded form string becomes a value, and a plausible example for
 * the OpenAPI document. A new field type fails the typecheck here until it has both.
 */
type ServerFieldType<F> = {
  /** Form strings to the engine value; a string that does not parse passes through unchanged so
   * the engine's validator reports it with a proper message. */
  coerce(field: F, raw: string | string[]): unknown;
  /** A value that satisfies the type's value schema (types only; never a stored value). */
  example(field: F, locale: Locale): unknown;
};

const TRUE = new Set(['true', 'on', '1', 'yes']);
const FALSE = new Set(['false', 'off', '0', 'no']);
const SOME_ID = '01900000-0000-7000-8000-000000000000';

/** One form value, trimmed; an empty one is "no value". */
const single =
  (parse: (value: string) => unknown) =>
  (_field: unknown, raw: string | string[]): unknown => {
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? '';
    return value === '' ? null : parse(value);
  };

/** Repeated keys and comma-separated values both make a list. */
function list(_field: unknown, raw: string | string[]): string[] {
  return (Array.isArray(raw) ? raw : [raw])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

const asIs = single((v) => v);
const finite = (n: number, value: string) => (Number.isFinite(n) ? n : value);
const asNumber = single((v) => finite(Number(v), v));
// Money typed by people is in yuan; the engine holds integer fen.
const asMoney = single((v) => finite(Math.round(Number(v) * 100), v));
const asBoolean = single((v) => {
  const lower = v.toLowerCase();
  return TRUE.has(lower) ? true : FALSE.has(lower) ? false : v;
});
const asEpochMs = single((v) => finite(Date.parse(v), v));
const FORMULA_EXAMPLES: Record<FieldOfType<'formula'>['resultType'], unknown> = {
  number: 1,
  text: 'text',
  boolean: true,
  date: '2026-01-05',
  money: 100000,
};
const labelOf = (field: FieldSpec, locale: Locale) => localize(field.label, locale);

const serverFieldTypes: { readonly [K in FieldType]: ServerFieldType<FieldOfType<K>> } = {
  text: { coerce: asIs, example: labelOf },
  longtext: { coerce: asIs, example: labelOf },
  email: { coerce: asIs, example: () => 'someone@example.com' },
  phone: { coerce: asIs, example: () => '+8613800138000' },
  url: { coerce: asIs, example: () => 'https://example.com' },
  number: { coerce: asNumber, example: (f) => f.min ?? 1 },
  money: { coerce: asMoney, example: () => 100000 },
  percent: { coerce: asNumber, example: (f) => f.min ?? 1 },
  date: { coerce: asIs, example: () => '2026-01-05' },
  datetime: { coerce: asEpochMs, example: () => 1767578400000 },
  boolean: { coerce: asBoolean, example: () => true },
  select: { coerce: asIs, example: (f) => f.options[0]?.value ?? null },
  multiselect: { coerce: list, example: (f) => f.options.slice(0, 1).map((o) => o.value) },
  relation: {
    coerce: (f, raw) => (f.multiple ? list(f, raw) : asIs(f, raw)),
    example: (f) => (f.multiple ? [SOME_ID] : SOME_ID),
  },
  user: {
    coerce: (f, raw) => (f.multiple ? list(f, raw) : asIs(f, raw)),
    example: (f) => (f.multiple ? [SOME_ID] : SOME_ID),
  },
  // Files arrive through the upload endpoint; the form route refuses a file id in a public post.
  file: { coerce: asIs, example: () => [] },
  region: { coerce: asIs, example: () => '330106' },
  // Formulas are computed, never written; the example is for documents that show a read value.
  formula: { coerce: asIs, example: (f) => FORMULA_EXAMPLES[f.resultType] },
};

/**
 * The server entry of a field's type, looked up with the field's own type. An unknown type
 * throws: the spec validator rejects such fields, so reaching here is a bug, and passing the
 * raw string through (or documenting no example) would hide it.
 */
export function serverFieldType<F extends FieldSpec>(field: F): ServerFieldType<F> {
  if (!Object.hasOwn(serverFieldTypes, field.type))
    throw new Error(`no server entry for field type "${field.type}" (field ${field.key})`);
  return serverFieldTypes[field.type] as unknown as ServerFieldType<F>;
}
