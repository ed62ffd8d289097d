/**
 * The parts of the app spec the store reads. Kept structural (and minimal) so any `AppSpec`
 * from @trellis/spec is assignable to it; see docs/storage.md "The app spec the store reads".
 */
export type OptionShape = { value: string; label?: unknown };

export type FieldShape = {
  key: string;
  type: string;
  label?: unknown;
  required?: boolean;
  indexed?: boolean;
  unique?: boolean;
  default?: unknown;
  multiple?: boolean;
  /** The target entity of a relation field. */
  entity?: string;
  options?: readonly OptionShape[];
  resultType?: string;
  /** Text and long text: the most characters a value may have (entity/health-columns.ts). */
  maxLength?: number;
  /** Phone: 'none' keeps numbers as typed (up to 40 characters), else E.164. */
  normalize?: string;
};

export type EntityShape = {
  key: string;
  label?: unknown;
  titleField: string;
  identity?: readonly (readonly string[])[];
  fields: readonly FieldShape[];
};

export type TeamShape = { key: string; label: unknown; parent?: string };

/** A pipeline's stages in order, with what each needs filled in to be entered. */
type PipelineShape = {
  key: string;
  entity: string;
  stages: readonly { key: string; category?: string; requires?: readonly string[] }[];
};

/**
 * A dashboard widget as far as the store reads it: SQLite widens an entity's owner index with
 * the fields its data health widgets measure, PostgreSQL indexes them by creation time
 * (entity/health-columns.ts); SQLite indexes an attribution widget's group keys
 * (entity/attribution-columns.ts).
 */
type WidgetShape = {
  type: string;
  entity?: string;
  fields?: readonly string[];
  /** Attribution: the group key, the A/B split, a relation the key is read through. */
  field?: string;
  split?: string;
  via?: string;
  measure?: { op: string; field?: string };
};

export type AppShape = {
  entities: readonly EntityShape[];
  teams?: readonly TeamShape[];
  pipelines?: readonly PipelineShape[];
  dashboards?: readonly { widgets: readonly WidgetShape[] }[];
};
