import type { FieldType, FormulaFieldSpec } from '@trellis/spec';
import type { FieldShape } from '../spec-shape';

/** Storage class of a column, portable across dialects (the SQLite adapter maps it to TEXT/REAL/INTEGER). */
export type SqlType = 'text' | 'real' | 'integer';
/** Column types understood by @trellis/logic compileToSql. */
export type LogicColumnType =
  'text' | 'number' | 'integer' | 'boolean' | 'date' | 'datetime' | 'json';
/** How a JS value is encoded into the column: as is, boolean as 0/1, or JSON text. */
export type Codec = 'plain' | 'boolean' | 'json';

export type ColumnKind = { sqlType: SqlType; logicType: LogicColumnType; codec: Codec };

const TEXT: ColumnKind = { sqlType: 'text', logicType: 'text', codec: 'plain' };
const JSON_TEXT: ColumnKind = { sqlType: 'text', logicType: 'json', codec: 'json' };
const REAL: ColumnKind = { sqlType: 'real', logicType: 'number', codec: 'plain' };
const INTEGER: ColumnKind = { sqlType: 'integer', logicType: 'integer', codec: 'plain' };
const BOOL: ColumnKind = { sqlType: 'integer', logicType: 'boolean', codec: 'boolean' };
const DATE: ColumnKind = { sqlType: 'text', logicType: 'date', codec: 'plain' };
const DATETIME: ColumnKind = { sqlType: 'integer', logicType: 'datetime', codec: 'plain' };

/** Keyed by the spec's result types: a new one fails the typecheck here until it has a column. */
const FORMULA: Record<FormulaFieldSpec['resultType'], ColumnKind> = {
  number: REAL,
  text: TEXT,
  boolean: BOOL,
  date: DATE,
  money: INTEGER,
};

/**
 * The store half of the field type registry: how each field type is stored. Keyed by `FieldType`,
 * so adding a type to @trellis/spec fails the typecheck here until it says how it is stored.
 */
const COLUMN_KINDS: Record<FieldType, (f: FieldShape) => ColumnKind> = {
  text: () => TEXT,
  longtext: () => TEXT,
  email: () => TEXT,
  phone: () => TEXT,
  url: () => TEXT,
  number: () => REAL,
  percent: () => REAL,
  money: () => INTEGER,
  date: () => DATE,
  datetime: () => DATETIME,
  boolean: () => BOOL,
  select: () => TEXT,
  multiselect: () => JSON_TEXT,
  relation: (f) => (f.multiple ? JSON_TEXT : TEXT),
  user: (f) => (f.multiple ? JSON_TEXT : TEXT),
  file: () => JSON_TEXT,
  region: () => TEXT,
  formula: (f) => {
    // The validator requires a result type; one it does not know would store a guessed shape.
    const kind = Object.hasOwn(FORMULA, f.resultType ?? '')
      ? FORMULA[f.resultType as FormulaFieldSpec['resultType']]
      : undefined;
    if (!kind)
      throw new Error(`no column kind for formula result type "${f.resultType}" (field ${f.key})`);
    return kind;
  },
};

/**
 * Column kind of a field (formula fields are stored: the engine computes them on every write).
 * An unknown type throws: the spec validator rejects such fields, so reaching here is a bug, and
 * guessing a column would store values in a shape no reader expects.
 */
export function columnKind(field: FieldShape): ColumnKind {
  const kind = Object.hasOwn(COLUMN_KINDS, field.type)
    ? COLUMN_KINDS[field.type as FieldType]
    : undefined;
  if (!kind) throw new Error(`no column kind for field type "${field.type}" (field ${field.key})`);
  return kind(field);
}

/** Field types whose values feed the search index besides the entity's title field. */
export const SEARCHABLE_TYPES: readonly string[] = ['phone', 'email'];
