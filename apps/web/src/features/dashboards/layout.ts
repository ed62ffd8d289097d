/** The grid columns (of 24) a dashboard's widget takes at phone and desktop width. */
export type WidgetColumns = { xs: number; lg: number };

type Placed = { type: string; span: number };

/**
 * Metric tiles sit two to a row on a phone. A tile that would stand alone in its row (the
 * last of an odd run of tiles, between charts) takes the whole row instead of leaving half of
 * it empty beside it.
 */
export function widgetColumns(widgets: readonly Placed[]): WidgetColumns[] {
  let run = 0;
  return widgets.map((w, i) => {
    if (w.type !== 'metric') {
      run = 0;
      return { xs: 24, lg: w.span * 2 };
    }
    run++;
    const nextIsMetric = widgets[i + 1]?.type === 'metric';
    const alone = run % 2 === 1 && !nextIsMetric;
    return { xs: alone ? 24 : 12, lg: 6 };
  });
}
