import { query, request } from '../api/client';
import type { Unit } from './format';

/** A number of a widget, with the JSONLogic filter of the records behind it when there are any. */
type WidgetNumber = { value: number | null; filter?: unknown };

type WidgetRow = { key: string; label: string; unit?: Unit; values: Record<string, WidgetNumber> };

/** A widget's numbers as the server reports them (docs/reports.md), the parts a tile reads. */
export type WidgetNumbers = {
  key: string;
  type: string;
  title: string;
  entity: string | null;
  columns: { key: string; label: string; unit: Unit }[];
  rows: WidgetRow[];
  /** A leaderboard's records without an owner, apart from its ranked rows (docs/api.md). */
  unowned?: WidgetRow;
  period: { from: string | null; to: string | null; previous: { from: string; to: string } | null };
};

export const reportKeys = {
  widget: (dashboard: string, widget: string) =>
    ['dashboards', 'widget', dashboard, widget] as const,
};

/**
 * One widget of a dashboard, scoped by the caller's role, over its default period. `signal`:
 * the query's, so the server skips (or stops) a widget nobody waits for any more.
 */
export function fetchWidget(
  dashboard: string,
  widget: string,
  signal?: AbortSignal,
): Promise<WidgetNumbers> {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return request(
    'GET',
    `/api/v1/dashboards/${encodeURIComponent(dashboard)}/widgets/${encodeURIComponent(widget)}` +
      query({ tz }),
    undefined,
    signal,
  );
}
