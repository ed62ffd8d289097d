import { columnKind } from '../entity/column-types';
import { issue } from '../messages';
import type { StoreIssue, StoreLocale } from '../messages';
import type { FieldShape } from '../spec-shape';
import { encodeValue } from '../sqlite/codec';
import type { MigrationPlan, Resolution, Resolutions } from './types';

/** The field of the target spec a warning is about. */
function targetField(
  plan: MigrationPlan,
  entity: string,
  field: string | undefined,
): FieldShape | undefined {
  return plan.to.entities.find((e) => e.key === entity)?.fields.find((f) => f.key === field);
}

/** Whether `value` can be stored in `field` (storage class and, for choices, a known option). */
function fitsField(field: FieldShape, value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (!encodeValue(columnKind(field), value).ok) return false;
  const options = field.options ? new Set(field.options.map((o) => o.value)) : null;
  if (!options) return true;
  if (field.type === 'multiselect')
    return Array.isArray(value) && value.length > 0 && value.every((v) => options.has(v as string));
  return options.has(value as string);
}

/**
 * Refuses to apply while a blocking warning has no (valid) resolution, and checks each chosen
 * resolution against the warning it answers. Returns the issues; empty means go.
 */
export function checkResolutions(
  plan: MigrationPlan,
  resolutions: Resolutions,
  locale: StoreLocale,
): StoreIssue[] {
  const issues: StoreIssue[] = [];
  const byId = new Map(plan.warnings.map((w) => [w.id, w]));
  for (const id of Object.keys(resolutions)) {
    if (!byId.has(id))
      issues.push(issue('unknown_resolution', `/resolutions/${id}`, { id }, locale));
  }
  for (const w of plan.warnings) {
    const r: Resolution | undefined = resolutions[w.id];
    const path = `/resolutions/${w.id}`;
    if (!r) {
      if (w.blocking)
        issues.push(
          issue(
            'migration_blocked',
            path,
            { id: w.id, warning: w.message[locale], options: w.resolutions.join(', ') },
            locale,
          ),
        );
      continue;
    }
    if (!w.resolutions.includes(r.kind)) {
      issues.push(
        issue(
          'invalid_resolution',
          path,
          { id: w.id, reason: `${r.kind} ∉ [${w.resolutions.join(', ')}]` },
          locale,
        ),
      );
      continue;
    }
    const field = targetField(plan, w.entity, w.field);
    if (r.kind === 'default' && (!field || !fitsField(field, r.value))) {
      issues.push(
        issue(
          'invalid_resolution',
          path,
          { id: w.id, reason: `default ${JSON.stringify(r.value)} does not fit ${w.field}` },
          locale,
        ),
      );
    }
    if (r.kind === 'mapOption' && r.to !== null && !field?.options?.some((o) => o.value === r.to)) {
      issues.push(
        issue(
          'invalid_resolution',
          path,
          { id: w.id, reason: `${JSON.stringify(r.to)} is not an option of ${w.field}` },
          locale,
        ),
      );
    }
  }
  return issues;
}
