import { describe, expect, it } from 'vitest';
import type { WidgetReport } from '../api/dashboards';
import { CHARTS } from './options';

const report = (keys: string[]): WidgetReport => ({
  key: 'risk',
  type: 'breakdown',
  title: 'Risk',
  entity: 'deal',
  span: 6,
  columns: [{ key: 'value', label: 'Value', unit: 'count' }],
  rows: keys.map((key, i) => ({ key, label: `label ${key}`, values: { value: { value: i + 1 } } })),
  period: { from: null, to: null, previous: null },
});
const RISK = new Map([
  ['red', '#f5222d'],
  ['yellow', '#faad14'],
  ['green', '#52c41a'],
]);
type Item = { name?: string; value: number | null; itemStyle?: { color: string } };
const items = (w: WidgetReport, colors?: ReadonlyMap<string, string>) => {
  const spec = CHARTS.breakdown!(w, false, colors)!;
  const series = (spec.option as unknown as { series: { data: Item[] }[] }).series[0]!;
  return { spec, data: series.data };
};

describe('a breakdown chart', () => {
  it('colours each slice with its group’s colour, in the rows’ order', () => {
    const { spec, data } = items(report(['green', 'red', 'yellow']), RISK);
    expect(data.map((d) => [d.name, d.itemStyle?.color])).toEqual([
      ['label green', '#52c41a'],
      ['label red', '#f5222d'],
      ['label yellow', '#faad14'],
    ]);
    expect(spec.rowKeys).toEqual(['green', 'red', 'yellow']);
  });

  it('colours each bar when there are too many groups for a donut (bars run bottom-up)', () => {
    const keys = ['red', 'yellow', 'green', 'a', 'b', 'c', 'd'];
    const { spec, data } = items(report(keys), RISK);
    const colorOf = (key: string) => data[spec.rowKeys.indexOf(key)]!.itemStyle?.color;
    expect([colorOf('red'), colorOf('yellow'), colorOf('green'), colorOf('a')]).toEqual([
      '#f5222d',
      '#faad14',
      '#52c41a',
      undefined,
    ]);
    expect(data[spec.rowKeys.indexOf('red')]!.value).toBe(1);
  });

  it('leaves the colours to the palette when the groups have none', () => {
    const { data } = items(report(['red', 'green']));
    expect(data.every((d) => d.itemStyle === undefined)).toBe(true);
  });
});
