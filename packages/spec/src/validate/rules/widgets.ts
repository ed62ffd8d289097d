import { TOUCH_FIELDS } from '../../helpers';
import type { WidgetSpec } from '../../schema/dashboards';
import { fieldTypes } from '../../schema/fields/registry';
import type { Ctx } from '../context';
import { ptr, requireEntity, requireField } from '../context';

const NUMERIC = ['number', 'money', 'percent'];

/** A report-only field of the record's first attribution touch (firstUtmCampaign…). */
export const isTouchField = (key: string): boolean =>
  (TOUCH_FIELDS as readonly string[]).includes(key);

/** Which widget types read each option; any other type would ignore it silently. */
const OPTION_TYPES: Record<string, readonly string[]> = {
  basis: ['funnel', 'stageConversion', 'leaderboard'],
  fields: ['dataHealth', 'beforeAfter'],
  spend: ['attribution'],
  split: ['attribution'],
  threshold: ['attribution'],
  before: ['beforeAfter'],
  after: ['beforeAfter'],
  days: ['staleFollowUps'],
  via: ['breakdown', 'ratio'],
  numerator: ['ratio'],
  denominator: ['ratio'],
  numeratorLabel: ['ratio'],
  denominatorLabel: ['ratio'],
};

/** The reporting options of one widget whose entity exists: used by its type, references resolve. */
export function checkWidgetOptions(ctx: Ctx, w: WidgetSpec, entity: string, base: string): void {
  for (const [option, types] of Object.entries(OPTION_TYPES)) {
    if (w[option as keyof WidgetSpec] !== undefined && !types.includes(w.type))
      ctx.report(ptr(base, option), 'widget.optionNotFor', {
        option,
        type: w.type,
        types: types.join(', '),
      });
  }
  (w.fields ?? []).forEach((f, k) => requireField(ctx, entity, f, ptr(base, 'fields', k)));
  if (w.split !== undefined && !isTouchField(w.split))
    requireField(ctx, entity, w.split, ptr(base, 'split'));
  if (w.spend && requireEntity(ctx, w.spend.entity, ptr(base, 'spend', 'entity'))) {
    requireField(ctx, w.spend.entity, w.spend.key, ptr(base, 'spend', 'key'));
    const field = requireField(ctx, w.spend.entity, w.spend.field, ptr(base, 'spend', 'field'));
    if (field && !NUMERIC.includes(field.type))
      ctx.report(ptr(base, 'spend', 'field'), 'measure.badField', {
        key: field.key,
        type: field.type,
      });
  }
  for (const side of ['before', 'after'] as const) {
    const range = w[side];
    if (range && range.from > range.to)
      ctx.report(ptr(base, side), 'widget.badRange', { from: range.from, to: range.to });
  }
}

/**
 * The entity a widget's `field` belongs to: the widget's own, or with `via` the target of that
 * single relation field (null when `via` is not one: the field is then not checked further).
 */
export function fieldEntity(ctx: Ctx, w: WidgetSpec, entity: string, base: string): string | null {
  if (w.via === undefined) return entity;
  const rel = requireField(ctx, entity, w.via, ptr(base, 'via'));
  if (!rel) return null;
  if (rel.type !== 'relation' || rel.multiple) {
    ctx.report(ptr(base, 'via'), 'widget.badVia', {
      key: rel.key,
      type: rel.type === 'relation' ? 'relation (multiple)' : rel.type,
    });
    return null;
  }
  return ctx.entities.has(rel.entity) ? rel.entity : null;
}

/** A field of a related record is grouped by one value per record: never a list-valued field. */
export function checkGroupable(ctx: Ctx, entity: string, key: string, path: string): void {
  const field = ctx.fields.get(entity)?.get(key);
  if (field && fieldTypes[field.type].logicType(field as never) === 'json')
    ctx.report(path, 'widget.badGroupField', { key, type: field.type });
}
