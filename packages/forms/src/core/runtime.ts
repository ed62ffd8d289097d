import {
  checkForm,
  checkStageGate,
  computeFormulas,
  fieldState,
  formDependencies,
  formLayout,
  normalizeFieldValue,
  sectionShown,
  type EntityModel,
  type FieldState,
  type FormCheck,
  type FormLayout,
  type Locale,
  type RecordData,
  type RuleUser,
  type Via,
} from '@trellis/rules';
import type { FormSpec } from '@trellis/spec';

/** Options a form is checked with (who fills it, when, what they may not change). */
export type RuntimeOptions = {
  via?: Via;
  user?: RuleUser;
  /** Fields the caller may not change (from their role): shown read-only, never submitted. */
  readOnly?: readonly string[];
  /** Clock for conditions and formulas (tests and benches pin it). */
  now?: () => number;
  /**
   * A stage move: the form shows what stage `stage` requires, marked required, and the check
   * adds the stage gate (required fields and `enterIf`; evidence is the server's to judge).
   */
  stage?: string;
};

/**
 * Everything a form needs, framework-free: the entity's rules model (validator compiled once
 * per spec version), the layout, each field's dependencies from `analyse`, and the one check
 * the engine runs too. The React form binds to it; the public page builds one from its
 * projection; tests and benchmarks use it directly.
 */
export type FormRuntime = {
  model: EntityModel;
  layout: FormLayout;
  /** For each field, the fields its rules read (what its input subscribes to). */
  dependencies: ReadonlyMap<string, readonly string[]>;
  /** For each field, the fields whose rules read it (what re-validates when it changes). */
  dependents: ReadonlyMap<string, readonly string[]>;
  /** Values as the engine stores them (select labels to values, phone to E.164, ...). */
  normalize(values: RecordData): RecordData;
  /** The entity's formulas computed over values (normalized first), with the runtime's clock. */
  formulas(values: RecordData): RecordData;
  /** Whether section `index` shows for a subset of values (at least what its condition reads). */
  sectionVisible(index: number, values: RecordData): boolean;
  /** State of one field for a subset of values (at least its dependencies). */
  stateOf(key: string, values: RecordData): FieldState;
  /** The whole check: normalize, conditions, formulas, validate (engine + form rules). */
  check(values: RecordData, locale: Locale, current?: RecordData | null): FormCheck;
  /** Values a new record starts with: field defaults under `initial`. */
  startValues(initial?: RecordData): RecordData;
};

/** Builds the runtime of `form` (null: every field of the entity) over a rules model. */
export function createFormRuntime(
  model: EntityModel,
  form: FormSpec | null,
  opts: RuntimeOptions = {},
): FormRuntime {
  const gateStage = opts.stage ? model.stages.get(opts.stage) : undefined;
  const mustFill = new Set(gateStage ? stageRequires(model, opts.stage!) : []);
  const layout = formLayout(model, gateStage ? stageForm(model, form, [...mustFill]) : form);
  const dependencies = formDependencies(layout, model);
  const dependents = new Map<string, string[]>();
  for (const [key, deps] of dependencies)
    for (const d of deps) dependents.set(d, [...(dependents.get(d) ?? []), key]);
  const readOnly = new Set(opts.readOnly ?? []);
  const now = opts.now ?? Date.now;
  const fixedStates = new Map<string, FieldState>();
  const ctx = () => ({
    now: now(),
    readOnly,
    ...(opts.user ? { user: opts.user } : {}),
  });
  // Conditions read values as the engine stores them ("抖音" -> "douyin", spaced phone -> E.164).
  const normalized = (values: RecordData): RecordData => {
    const out: RecordData = {};
    for (const [key, value] of Object.entries(values)) {
      const field = model.fields.get(key);
      out[key] = field ? normalizeFieldValue(field, value, model.env).value : value;
    }
    return out;
  };
  return {
    model,
    layout,
    dependencies,
    dependents,
    normalize: normalized,
    formulas: (values) => computeFormulas(model, normalized(values), now()),
    sectionVisible: (index, values) => sectionShown(layout, index, normalized(values), ctx()),
    stateOf: (key, values) => {
      const known = fixedStates.get(key);
      if (known) return known;
      const state = fieldState(layout, key, normalized(values), ctx());
      const out = mustFill.has(key) ? { ...state, required: state.visible } : state;
      // A field no rule speaks of (no condition on it or its section) has one state for good.
      if (unconditional(layout, key)) fixedStates.set(key, out);
      return out;
    },
    check: (values, locale, current) => {
      const result = checkForm(model, layout, values, {
        locale,
        via: opts.via ?? 'ui',
        now: now(),
        readOnly,
        ...(opts.user ? { user: opts.user } : {}),
        ...(current ? { current } : { defaults: fieldDefaults(model) }),
      });
      if (!opts.stage) return result;
      const gate = checkStageGate({
        model,
        from: typeof current?.stage === 'string' ? current.stage : null,
        to: opts.stage,
        record: result.record,
        evidence: null,
        locale,
        now: now(),
        ...(opts.user ? { user: opts.user } : {}),
        activityLabel: (type) => type,
      });
      const seen = new Set(result.errors.map((e) => e.path));
      const added = gate.filter((e) => !seen.has(e.path));
      return {
        ...result,
        errors: [...result.errors, ...added],
        formErrors: [...result.formErrors, ...added],
      };
    },
    startValues: (initial = {}) => ({ ...fieldDefaults(model), ...initial }),
  };
}

/** Whether no condition reads values (or the clock) for the state of placed field `key`. */
function unconditional(layout: FormLayout, key: string): boolean {
  const p = layout.byKey.get(key);
  if (!p) return false;
  const none = (c: unknown) => c === undefined || c === null;
  return (
    none(p.visibleIf) &&
    none(p.requiredIf) &&
    none(p.readOnlyIf) &&
    none(p.field.requiredIf) &&
    none(layout.sections[p.section]?.visibleIf)
  );
}

/** Field defaults from the spec (the engine applies the same to a new record). */
export function fieldDefaults(model: EntityModel): RecordData {
  const out: RecordData = {};
  for (const f of model.entity.fields)
    if ('default' in f && f.default !== undefined) out[f.key] = structuredClone(f.default);
  return out;
}

/** The fields a stage requires (the loss reason too for a lost stage), as the gate asks them. */
export function stageRequires(model: EntityModel, stage: string): string[] {
  const target = model.stages.get(stage);
  if (!target) return [];
  const loss = target.category === 'lost' ? model.pipeline?.lossReasonField : undefined;
  const keys = [...(target.requires ?? []), ...(loss ? [loss] : [])];
  return [...new Set(keys)].filter((k) => model.fields.has(k));
}

// A stage move's form: the stage's required fields, with the texts the form gives them.
function stageForm(model: EntityModel, form: FormSpec | null, keys: string[]): FormSpec {
  const placed = new Map(
    (form?.sections ?? [])
      .flatMap((s) => s.fields)
      .map((p) => (typeof p === 'string' ? { field: p } : p))
      .map((p) => [p.field, p]),
  );
  return {
    key: `stage`,
    entity: model.key,
    label: model.entity.label,
    sections: [
      {
        fields: keys.map((k) => {
          const { visibleIf: _v, requiredIf: _r, ...p } = placed.get(k) ?? { field: k };
          return p;
        }),
      },
    ],
  };
}
