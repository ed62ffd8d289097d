import { getEntity, getField, getPipeline, type AppSpec, type WidgetSpec } from '@trellis/spec';

/** Rows that are no value of the field: "other", "(empty)", "not visible to you". */
const NEUTRAL: Record<string, string> = { $other: '#bfbfbf', '': '#d9d9d9', $hidden: '#8c8c8c' };

/**
 * The colour of each row of a widget grouped by a field, by row key: the spec's colour of each
 * select option (`options[].color`) or stage (`stages[].color`) the group stands for, so a risk
 * donut is red / yellow / green as the risk lights are. Empty when the values have no colours;
 * then the chart keeps its palette. The rows without a value of their own are grey.
 */
export function groupColors(spec: AppSpec, widget: WidgetSpec | undefined): Map<string, string> {
  const colors = new Map<string, string>();
  if (!widget?.entity || widget.type !== 'breakdown') return colors;
  // With `via`, grouped by a field of the related record (deals by their customer's channel).
  const source = getEntity(spec, widget.entity);
  const relation = widget.via && source ? getField(source, widget.via) : undefined;
  if (widget.via && relation?.type !== 'relation') return colors;
  const entity = relation?.type === 'relation' ? relation.entity : widget.entity;
  const field = widget.field ?? 'stage';
  const model = getEntity(spec, entity);
  const def = model ? getField(model, field) : undefined;
  const options =
    def && 'options' in def ? (def.options as { value: string; color?: string }[]) : [];
  const values =
    field === 'stage'
      ? (getPipeline(spec, entity)?.stages ?? []).map((s) => ({ key: s.key, color: s.color }))
      : options.map((o) => ({ key: o.value, color: o.color }));
  for (const v of values) if (v.color) colors.set(v.key, v.color);
  if (colors.size > 0) for (const [k, c] of Object.entries(NEUTRAL)) colors.set(k, c);
  return colors;
}
