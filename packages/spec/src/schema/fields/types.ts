import type { TObject } from '@sinclair/typebox';
import type { LocaleMap } from '../common';

/** Column types `compileToSql` understands (see @trellis/logic). */
export type LogicType = 'text' | 'number' | 'integer' | 'boolean' | 'date' | 'datetime' | 'json';

/** A plain JSON Schema object (for ajv in the engine and forms). */
export type JsonSchema = Record<string, unknown>;

/**
 * One field type: everything spec-side code needs to know about it. Store, engine and forms keep
 * their own halves (column, normalization, widget) keyed by the same type name.
 */
export type FieldTypeDef<F> = {
  type: string;
  /** Name of the type in the builder's type picker. */
  label: LocaleMap;
  /** Schema of the whole field spec of this type (base properties + settings). */
  settingsSchema: TObject;
  /** JSON Schema of a present (non-null) record value of this field, as the engine holds it. */
  valueSchema(field: F): JsonSchema;
  /** How the value compares in logic and SQL. */
  logicType(field: F): LogicType;
  /** Whether the field may be part of an identity (dedup) key. */
  identity: boolean;
  /** Whether the field may be an entity's titleField. */
  title: boolean;
  /** Whether the field stores its own value (formulas may be computed on read). */
  stored(field: F): boolean;
};

/** Drops undefined members so generated JSON Schemas stay minimal. */
export function compact(o: Record<string, unknown>): JsonSchema {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
