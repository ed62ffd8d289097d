import { computeFormulas } from '../formulas/formulas';
import { fieldError, pointer } from '../i18n/errors';
import type { EntityModel } from '../model/entity-model';
import { normalizeInput } from '../normalize/normalize-input';
import type { FieldError, Locale, RecordData, RuleUser, Via } from '../types';
import { isEmptyValue } from '../validation/empty';
import { fieldLabel, validateRecord } from '../validation/validate-record';
import { evaluateFormState, type FormState } from './form-state';
import type { FormLayout } from './layout';

export type FormCheckOptions = {
  locale: Locale;
  via: Via;
  now: number;
  user?: RuleUser;
  /** The stored record when editing; null or absent on create (then `defaults` apply). */
  current?: RecordData | null;
  /** Values a new record starts with (field defaults, the form's defaults). */
  defaults?: RecordData;
  /** Fields the caller may not change (role permissions). */
  readOnly?: ReadonlySet<string>;
};

export type FormCheck = {
  /** Normalized values to send or store: hidden and read-only inputs left out. */
  values: RecordData;
  /** The whole record as it would be (base + values + formulas). */
  record: RecordData;
  /** Every problem: the engine's rules on the kept values, then the form's own. */
  errors: FieldError[];
  /** Inputs left out because the form hides or locks them right now. */
  dropped: string[];
  /** Only the problems the form's own rules add (its `requiredIf`); the engine does not know them. */
  formErrors: FieldError[];
  state: FormState;
};

/** The form's state on the normalized input, the inputs it leaves out and the record as it would be. */
function formPass(
  model: EntityModel,
  layout: FormLayout,
  input: RecordData,
  opts: FormCheckOptions,
) {
  const current = opts.current ?? null;
  const n = normalizeInput(model, input, { locale: opts.locale, via: opts.via, current });
  const base: RecordData = current ? { ...current } : { ...opts.defaults };
  const ctx = {
    now: opts.now,
    ...(opts.user ? { user: opts.user } : {}),
    ...(opts.readOnly ? { readOnly: opts.readOnly } : {}),
  };
  const state = evaluateFormState(
    layout,
    computeFormulas(model, { ...base, ...n.values }, opts.now),
    ctx,
  );
  const dropped = new Set<string>();
  const values: RecordData = {};
  for (const [key, value] of Object.entries(n.values)) {
    const s = state.fields[key];
    if (s && (!s.visible || (s.readOnly && model.fields.get(key)?.type !== 'formula'))) {
      dropped.add(key);
      continue;
    }
    values[key] = value;
  }
  const record = computeFormulas(model, { ...base, ...values }, opts.now);
  return { n, state, dropped, values, record };
}

/**
 * The form half of the write path, run by the form before it submits and by the server when
 * a form is posted: normalize, compute formulas, evaluate the form's conditions on the
 * result, leave out what is hidden or read-only (hidden fields are neither required nor
 * submitted), then validate like the engine does and add the form's own `requiredIf`.
 */
export function checkForm(
  model: EntityModel,
  layout: FormLayout,
  input: RecordData,
  opts: FormCheckOptions,
): FormCheck {
  const { n, state, dropped, values, record } = formPass(model, layout, input, opts);
  const vctx = { locale: opts.locale, now: opts.now, ...(opts.user ? { user: opts.user } : {}) };
  const errors = [
    ...n.errors.filter((e) => !dropped.has(e.path.split('/')[1] ?? '')),
    ...validateRecord(model, record, vctx, n.invalid),
  ];
  const reported = new Set(errors.map((e) => e.path));
  const formErrors: FieldError[] = [];
  for (const p of layout.placements) {
    const s = state.fields[p.key];
    const path = pointer(p.key);
    if (!s?.required || reported.has(path) || !isEmptyValue(record[p.key])) continue;
    formErrors.push(
      fieldError(opts.locale, path, 'requiredIf', 'requiredIf', {
        label: fieldLabel(p.field, p.key, opts.locale),
      }),
    );
  }
  return {
    values,
    record,
    errors: [...errors, ...formErrors],
    formErrors,
    dropped: [...dropped],
    state,
  };
}

const has = (v: unknown) => v !== undefined && v !== null;

/** Layouts known to have rules of their own (see `hasOwnRules`), per layout object. */
const ownRules = new WeakMap<FormLayout, boolean>();

/**
 * Whether a form can leave out an input or add a problem the entity's rules do not: a section
 * or placement with a condition (`visibleIf`, `requiredIf`, `readOnlyIf`), or a placed field the
 * form shows read-only (a formula, a `readOnly` field). Without any, every placement is shown
 * and editable, and a placement is required exactly when its field is (`required`, the field's
 * own `requiredIf`): the entity's validation reports each of those left empty at the same path.
 */
function hasOwnRules(layout: FormLayout): boolean {
  let known = ownRules.get(layout);
  if (known === undefined) {
    known =
      layout.sections.some((s) => has(s.visibleIf)) ||
      layout.placements.some(
        (p) =>
          has(p.visibleIf) ||
          has(p.requiredIf) ||
          has(p.readOnlyIf) ||
          p.field.type === 'formula' ||
          p.field.readOnly === true,
      );
    ownRules.set(layout, known);
  }
  return known;
}

/**
 * What a server needs of `checkForm` when the engine validates the values again (a posted
 * public form): the inputs the form leaves out and the problems only its rules add. The entity
 * rules run here only when the form may add one (a placement it requires left empty), since
 * only then do they decide which problems are the form's: an intake submission no longer
 * validates twice (session 23: validateRecord was ~6 % of the HTTP thread's samples). A form
 * without rules of its own (`hasOwnRules`) can do neither, so its input is not even normalized
 * here: the engine does that once (session 29: this pass was ~10 % of the HTTP thread's CPU
 * per submission of the education template's forms, which have none).
 */
export function checkFormRules(
  model: EntityModel,
  layout: FormLayout,
  input: RecordData,
  opts: FormCheckOptions,
): Pick<FormCheck, 'dropped' | 'formErrors'> {
  if ((opts.readOnly === undefined || opts.readOnly.size === 0) && !hasOwnRules(layout))
    return { dropped: [], formErrors: [] };
  const { state, dropped, record } = formPass(model, layout, input, opts);
  for (const p of layout.placements)
    if (state.fields[p.key]?.required && isEmptyValue(record[p.key])) {
      const full = checkForm(model, layout, input, opts);
      return { dropped: full.dropped, formErrors: full.formErrors };
    }
  return { dropped: [...dropped], formErrors: [] };
}
