import { useEffect, useRef } from 'react';
import { echarts, type ChartOption } from './echarts';

type Props = {
  option: ChartOption;
  height: number;
  /** Called with the data index of a clicked bar, slice or point. */
  onPick?: (index: number) => void;
  /** Receives the chart once mounted (PNG export), null when it goes. */
  chartRef?: (chart: echarts.ECharts | null) => void;
  ariaLabel: string;
};

/** An ECharts canvas that follows its container's width and reports clicks by data index. */
export function EChart({ option, height, onPick, chartRef, ariaLabel }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  const expose = useRef(chartRef);
  useEffect(() => {
    pick.current = onPick;
    expose.current = chartRef;
  }, [onPick, chartRef]);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    expose.current?.(c);
    c.on('click', (p) => {
      if (typeof p.dataIndex === 'number') pick.current?.(p.dataIndex);
    });
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el.current);
    return () => {
      resize.disconnect();
      expose.current?.(null);
      c.dispose();
      chart.current = null;
    };
    // The chart is created once; option changes are applied below.
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={el} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} />;
}
