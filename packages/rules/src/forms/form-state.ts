import { truthy, tryEvaluate } from '@trellis/logic';
import type { RecordData, RuleUser } from '../types';
import type { FormLayout } from './layout';

/** What the form shows of one field right now. */
export type FieldState = { visible: boolean; required: boolean; readOnly: boolean };

export type FormState = {
  fields: Record<string, FieldState>;
  /** Per section of the layout: whether it is shown. */
  sections: boolean[];
};

export type ConditionContext = {
  now: number;
  user?: RuleUser;
  /** Fields the caller may not change (role permissions): always read-only. */
  readOnly?: ReadonlySet<string>;
};

/**
 * Whether a condition holds for `values`. An absent condition is `otherwise`; one that fails
 * to evaluate (a stale expression) does not hold, so it never hides or requires by accident.
 */
export function holds(
  condition: unknown,
  values: RecordData,
  ctx: ConditionContext,
  otherwise: boolean,
): boolean {
  if (condition === undefined || condition === null) return otherwise;
  const r = tryEvaluate(condition, values, {
    now: ctx.now,
    ...(ctx.user ? { user: ctx.user } : {}),
  });
  return r.ok && truthy(r.value);
}

/** Evaluates one placement's state (its section's visibility included). */
export function fieldState(
  layout: FormLayout,
  key: string,
  values: RecordData,
  ctx: ConditionContext,
  sectionVisible = sectionShown(layout, layout.byKey.get(key)?.section ?? -1, values, ctx),
): FieldState {
  const p = layout.byKey.get(key);
  if (!p) return { visible: false, required: false, readOnly: true };
  const visible = sectionVisible && holds(p.visibleIf, values, ctx, true);
  const f = p.field;
  return {
    visible,
    required:
      visible &&
      (f.required === true ||
        holds(f.requiredIf, values, ctx, false) ||
        holds(p.requiredIf, values, ctx, false)),
    readOnly:
      f.type === 'formula' ||
      f.readOnly === true ||
      ctx.readOnly?.has(key) === true ||
      holds(p.readOnlyIf, values, ctx, false),
  };
}

/** Whether section `index` is shown for `values`. */
export function sectionShown(
  layout: FormLayout,
  index: number,
  values: RecordData,
  ctx: ConditionContext,
): boolean {
  const s = layout.sections[index];
  return s !== undefined && holds(s.visibleIf, values, ctx, true);
}

/** The state of every placement and section of the form for `values`. */
export function evaluateFormState(
  layout: FormLayout,
  values: RecordData,
  ctx: ConditionContext,
): FormState {
  const sections = layout.sections.map((_, i) => sectionShown(layout, i, values, ctx));
  const fields: Record<string, FieldState> = {};
  for (const p of layout.placements)
    fields[p.key] = fieldState(layout, p.key, values, ctx, sections[p.section] ?? false);
  return { fields, sections };
}
