import { analyse } from '@trellis/logic';
import type { EntityModel } from '../model/entity-model';
import type { FormLayout } from './layout';

/**
 * For each placed field, the fields whose values its rules read: its own and its section's
 * `visibleIf`, `requiredIf`, `readOnlyIf`, and for a formula its expression (through earlier
 * formulas). A form subscribes each input to exactly these, so a keystroke re-renders only the
 * touched field and the fields whose rules read it.
 */
export function formDependencies(
  layout: FormLayout,
  model: EntityModel,
): ReadonlyMap<string, readonly string[]> {
  const read = (expr: unknown): string[] =>
    expr === undefined || expr === null ? [] : analyse(expr).fields;
  const formulaDeps = new Map<string, Set<string>>();
  for (const f of model.formulas) {
    const deps = new Set<string>();
    for (const d of read(f.expression)) {
      deps.add(d);
      for (const dd of formulaDeps.get(d) ?? []) deps.add(dd);
    }
    formulaDeps.set(f.key, deps);
  }
  const out = new Map<string, readonly string[]>();
  for (const p of layout.placements) {
    const deps = new Set<string>([
      ...read(layout.sections[p.section]?.visibleIf),
      ...read(p.visibleIf),
      ...read(p.requiredIf),
      ...read(p.readOnlyIf),
      ...read(p.field.requiredIf),
      ...(formulaDeps.get(p.key) ?? []),
    ]);
    // A condition may read a formula: then it depends on what the formula reads.
    for (const d of [...deps]) for (const dd of formulaDeps.get(d) ?? []) deps.add(dd);
    deps.delete(p.key);
    out.set(p.key, [...deps].sort());
  }
  return out;
}
