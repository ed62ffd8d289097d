import type { AppSpec, WidgetSpec, WidgetType } from '@trellis/spec';

const TITLES: Record<WidgetType, { 'zh-CN': string; en: string }> = {
  funnel: { 'zh-CN': '销售漏斗', en: 'Funnel' },
  stageConversion: { 'zh-CN': '阶段转化', en: 'Stage conversion' },
  dwellTime: { 'zh-CN': '阶段停留时间', en: 'Time in stage' },
  breakdown: { 'zh-CN': '分布', en: 'Breakdown' },
  timeSeries: { 'zh-CN': '趋势', en: 'Trend' },
  leaderboard: { 'zh-CN': '排行榜', en: 'Leaderboard' },
  dataHealth: { 'zh-CN': '数据健康', en: 'Data health' },
  attribution: { 'zh-CN': '渠道归因', en: 'Attribution' },
  metric: { 'zh-CN': '指标', en: 'Metric' },
  beforeAfter: { 'zh-CN': '前后对比', en: 'Before and after' },
  sourceHealth: { 'zh-CN': '线索来源健康', en: 'Lead sources' },
  staleFollowUps: { 'zh-CN': '未跟进（按人）', en: 'Stale follow-ups by rep' },
  ratio: { 'zh-CN': '转化率', en: 'Conversion rate' },
};

/** Types that group by a field (breakdown, attribution) or date by one (timeSeries). */
const BY_FIELD: readonly WidgetType[] = ['breakdown', 'attribution'];

/**
 * A widget of `type` that reports something at once: on the first entity with a pipeline (or
 * the first entity), grouped by its first select field when the type needs a field.
 */
export function newWidget(type: WidgetType, spec: AppSpec, taken: readonly string[]): WidgetSpec {
  const entity =
    spec.entities.find((e) => spec.pipelines?.some((p) => p.entity === e.key)) ?? spec.entities[0];
  let n = 1;
  while (taken.includes(`${type}${n === 1 ? '' : n}`)) n++;
  const widget: WidgetSpec = {
    key: `${type}${n === 1 ? '' : n}`,
    type,
    title: TITLES[type],
    ...(entity ? { entity: entity.key } : {}),
  };
  const select = entity?.fields.find((f) => f.type === 'select');
  if (BY_FIELD.includes(type) && select) widget.field = select.key;
  // A rate counts at once: the pipeline's won records over all of them.
  const won = spec.pipelines
    ?.find((p) => p.entity === entity?.key)
    ?.stages.find((s) => s.category === 'won');
  if (type === 'ratio' && won) widget.numerator = { '==': [{ var: 'stage' }, won.key] };
  return widget;
}
