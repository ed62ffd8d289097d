/**
 * How a field compares in a condition: decides its operators and its value input. Money is its
 * own kind because people type yuan while the record holds fen.
 */
export type FieldKind =
  | 'text'
  | 'number'
  | 'money'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'choice'
  | 'multi'
  | 'user'
  | 'team'
  | 'ref'
  | 'other';

/** An option of a choice field (select, multiselect, stage), its label already localized. */
export type ConditionOption = { value: string; label: string; color?: string };

/** A field a condition may name, as the condition builder shows it. */
export type ConditionField = {
  key: string;
  label: string;
  kind: FieldKind;
  options?: ConditionOption[];
  /** A system field (stage, owner, created at...), listed after the entity's own fields. */
  system?: boolean;
};

/** What the builder offers besides the entity's fields. */
export type ConditionScope = {
  /** "is me" / "in my teams" ($user): views and automations read by a person. */
  user?: boolean;
  /** "changed", "changed to", "changed from" ($previous): update-driven automations. */
  previous?: boolean;
};

/** One comparison: field, operator, value. */
export type ConditionRule = { kind: 'rule'; field: string; op: string; value?: unknown };

/** All (and), any (or) or none (not any) of the children. */
export type ConditionGroup = {
  kind: 'group';
  join: 'all' | 'any' | 'none';
  children: ConditionNode[];
};

/** An expression the builder cannot show as rules: kept exactly, shown and edited as JSON. */
type ConditionRaw = { kind: 'raw'; logic: unknown };

export type ConditionNode = ConditionRule | ConditionGroup | ConditionRaw;
