import type { AppSpec, EntitySpec } from '@trellis/spec';
import { conditionFields } from '../../../lib/condition/fields';
import type { SpecLabel } from '../../../lib/i18n/label';

/** A field a formula may read: its key, its label in the builder's language and in every other. */
export type FormulaField = {
  key: string;
  /** The label shown in the builder's language (what the text writes). */
  label: string;
  /** Labels in every language of the spec (what the text accepts besides the key). */
  labels: string[];
  /** The field's type, for the result hint. */
  type: string;
};

/** Finds fields by the name a formula writes between brackets: a label (any language), else a key. */
export function fieldResolver(fields: readonly FormulaField[]) {
  const byName = new Map<string, string>();
  // Labels first in the builder's language, then other languages, then keys: the first wins.
  for (const f of fields) if (!byName.has(f.label)) byName.set(f.label, f.key);
  for (const f of fields) for (const l of f.labels) if (!byName.has(l)) byName.set(l, f.key);
  for (const f of fields) if (!byName.has(f.key)) byName.set(f.key, f.key);
  return {
    keyOf: (name: string): string | undefined => byName.get(name),
    /** The name to write for a field key: its label when that finds it back, else its key. */
    nameOf: (key: string): string | undefined => {
      const f = fields.find((x) => x.key === key);
      if (!f) return undefined;
      return [f.label, f.key].find((n) => byName.get(n) === key && !/[[\]]/.test(n));
    },
  };
}

/**
 * The fields a formula over `entity`'s records may name: its own (labels in every language) and,
 * with `systemLabel`, the system fields an automation's record carries (created at, owner…).
 */
export function formulaFields(
  spec: AppSpec,
  entity: EntitySpec,
  label: (l: SpecLabel, fallback: string) => string,
  systemLabel?: (key: string) => string,
): FormulaField[] {
  const own = entity.fields.map((f) => ({
    key: f.key,
    type: f.type === 'formula' ? f.resultType : f.type,
    label: label(f.label, f.key),
    labels: typeof f.label === 'string' ? [f.label] : Object.values(f.label ?? {}),
  }));
  if (!systemLabel) return own;
  const system = conditionFields(spec, entity, label, { system: true, systemLabel })
    .filter((f) => !entity.fields.some((x) => x.key === f.key))
    .map((f) => ({ key: f.key, type: f.kind, label: f.label, labels: [] }));
  return [...own, ...system];
}
