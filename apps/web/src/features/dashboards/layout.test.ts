import { describe, expect, it } from 'vitest';
import { widgetColumns } from './layout';

const metric = { type: 'metric', span: 3 };
const chart = { type: 'funnel', span: 12 };

describe('widgetColumns', () => {
  it('puts metric tiles two to a phone row and charts on their own', () => {
    expect(widgetColumns([metric, metric, metric, metric, chart]).map((c) => c.xs)).toEqual([
      12, 12, 12, 12, 24,
    ]);
  });

  it('gives the phone row to a tile that would stand alone in it', () => {
    expect(widgetColumns([chart, metric, chart]).map((c) => c.xs)).toEqual([24, 24, 24]);
    expect(widgetColumns([metric, metric, metric, chart, metric]).map((c) => c.xs)).toEqual([
      12, 12, 24, 24, 24,
    ]);
  });

  it('keeps the desktop widths: a quarter for a tile, twice the span for a chart', () => {
    expect(widgetColumns([metric, { type: 'bar', span: 6 }])).toEqual([
      { xs: 24, lg: 6 },
      { xs: 24, lg: 12 },
    ]);
  });
});
