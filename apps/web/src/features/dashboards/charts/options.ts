import type { WidgetReport } from '../api/dashboards';
import { chartValue } from '../format';
import type { ChartOption } from './echarts';

/** A chart of a widget: its ECharts option and, per data index, the row it shows. */
type ChartSpec = { option: ChartOption; rowKeys: string[]; column: string };

/** The colour of a row by its key (a select option's or stage's from the spec), if it has one. */
type Colors = ReadonlyMap<string, string>;
type Builder = (w: WidgetReport, phone: boolean, colors?: Colors) => ChartSpec | null;

/** A bar or slice in its group's colour; without one the chart's palette colours it. */
const colored = <T extends object>(item: T, color: string | undefined) =>
  color ? { ...item, itemStyle: { color } } : item;

const grid = (phone: boolean) => ({
  left: 8,
  right: 16,
  top: 24,
  bottom: 8,
  containLabel: true,
  ...(phone ? { top: 16 } : {}),
});
const first = (w: WidgetReport) => w.columns[0];

/** Bars of the first column, one per row (horizontal: long Chinese labels stay readable). */
const bars: Builder = (w, phone, colors) => {
  const col = first(w);
  if (!col || w.rows.length === 0) return null;
  const rows = [...w.rows].reverse();
  // Ratios read as percents (45.3 %), not fractions.
  const pct = col.unit === 'ratio';
  const value = (v: number | null) =>
    pct ? (v === null ? null : Math.round(v * 1000) / 10) : chartValue(v, col.unit);
  return {
    column: col.key,
    rowKeys: rows.map((r) => r.key),
    option: {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      // Room on the right for the label after the longest bar ("100%", "4.7").
      grid: { ...grid(phone), right: 48 },
      xAxis: { type: 'value' },
      yAxis: {
        type: 'category',
        data: rows.map((r) => r.label),
        axisLabel: { width: phone ? 84 : 140, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: col.label,
          data: rows.map((r) =>
            colored({ value: value(r.values[col.key]?.value ?? null) }, colors?.get(r.key)),
          ),
          label: { show: true, position: 'right', ...(pct ? { formatter: '{c}%' } : {}) },
          cursor: 'pointer',
        },
      ],
    },
  };
};

/** The registry: widget type → chart; types without one are shown as a table or a tile. */
export const CHARTS: Record<string, Builder> = {
  funnel: (w, phone) => {
    const col = first(w);
    if (!col || w.rows.length === 0) return null;
    return {
      column: col.key,
      rowKeys: w.rows.map((r) => r.key),
      option: {
        tooltip: { trigger: 'item', formatter: '{b}: {c}' },
        series: [
          {
            type: 'funnel',
            sort: 'none',
            left: phone ? '2%' : '4%',
            width: phone ? '56%' : '62%',
            minSize: '12%',
            // The narrowest bands are too small for their label ("Quote & negotiation 46" went
            // past its band's edges even on desktop): labels sit beside the funnel, cut with an
            // ellipsis if still too long.
            label: {
              show: true,
              position: 'right',
              formatter: '{b} {c}',
              width: phone ? 120 : 170,
              overflow: 'truncate',
            },
            labelLine: { show: true, length: phone ? 6 : 10 },
            data: w.rows.map((r) => ({ name: r.label, value: r.values[col.key]?.value ?? 0 })),
            cursor: 'pointer',
          },
        ],
      },
    };
  },
  stageConversion: (w, phone) => {
    const conv = w.columns.find((c) => c.key === 'conversion');
    const spec = bars({ ...w, columns: conv ? [conv] : w.columns }, phone);
    return spec ? { ...spec, column: 'records' } : null;
  },
  dwellTime: bars,
  // Whose records wait longest: a bar per owner, the total row only in the table.
  staleFollowUps: (w, phone) =>
    bars({ ...w, rows: w.rows.filter((r) => r.key !== '$total') }, phone),
  breakdown: (w, phone, colors) => {
    const col = first(w);
    if (!col || w.rows.length === 0) return null;
    if (w.rows.length > 6) return bars(w, phone, colors);
    return {
      column: col.key,
      rowKeys: w.rows.map((r) => r.key),
      option: {
        tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
        legend: { bottom: 0, type: 'scroll' },
        series: [
          {
            type: 'pie',
            radius: phone ? ['30%', '58%'] : ['35%', '65%'],
            center: ['50%', '45%'],
            label: { formatter: '{b}\n{d}%' },
            data: w.rows.map((r) =>
              colored(
                { name: r.label, value: chartValue(r.values[col.key]?.value ?? null, col.unit) },
                colors?.get(r.key),
              ),
            ),
            cursor: 'pointer',
          },
        ],
      },
    };
  },
  timeSeries: (w, phone) => {
    const col = first(w);
    if (!col || w.rows.length === 0) return null;
    return {
      column: col.key,
      rowKeys: w.rows.map((r) => r.key),
      option: {
        tooltip: { trigger: 'axis' },
        grid: grid(phone),
        xAxis: { type: 'category', data: w.rows.map((r) => r.label.slice(5)) },
        yAxis: { type: 'value', minInterval: col.unit === 'count' ? 1 : 0 },
        series: [
          {
            type: 'line',
            name: col.label,
            smooth: true,
            areaStyle: { opacity: 0.12 },
            data: w.rows.map((r) => chartValue(r.values[col.key]?.value ?? null, col.unit)),
            cursor: 'pointer',
          },
        ],
      },
    };
  },
};
