import { getEntity, getField } from '@trellis/spec';
import type { WidgetCtx } from './types';

/**
 * Which records may be grouped by a value of their related record (docs/reports.md "Grouping
 * by a related record"): those with no related record, and those whose related record the
 * reader may read (its entity readable, the record inside the reader's read scope). `visible`
 * is that condition (null: every record), ANDed into every group's filter; the others are
 * counted apart, in the "not visible to you" row, never under a value the reader may not read.
 */
export function relatedVisibility(
  c: WidgetCtx,
  relation: string,
): { target: string; visible: unknown } | null {
  const model = getEntity(c.spec, c.entity);
  const field = model ? getField(model, relation) : undefined;
  if (field?.type !== 'relation' || field.multiple) return null;
  return { target: field.entity, visible: c.visibleThrough(relation, field.entity) };
}
