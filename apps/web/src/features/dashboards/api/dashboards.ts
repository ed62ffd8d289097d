import { query, request } from '../../../lib/api/client';

type Unit = 'count' | 'money' | 'number' | 'ratio' | 'days' | 'multiple';
export type Num = { value: number | null; filter?: unknown };
export type ReportColumn = {
  key: string;
  label: string;
  unit: Unit;
  period?: { from: string | null; to: string | null };
};
export type ReportRow = {
  key: string;
  label: string;
  values: Record<string, Num>;
  unit?: Unit;
  flag?: boolean;
};
export type WidgetReport = {
  key: string;
  type: string;
  title: string;
  entity: string | null;
  span: number;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** A leaderboard's records without an owner, apart from its ranked rows (docs/api.md). */
  unowned?: ReportRow;
  period: { from: string | null; to: string | null; previous: { from: string; to: string } | null };
  note?: string;
};
export type DashboardSummary = {
  key: string;
  label: string;
  description: string | null;
  default: boolean;
  widgets: { key: string; type: string; title: string; span: number }[];
};
export type DashboardReport = Omit<DashboardSummary, 'default' | 'widgets'> & {
  widgets: WidgetReport[];
};

/** What a dashboard is read for: days (inclusive), a team, an owner. */
export type DashboardParams = { from?: string; to?: string; team?: string; owner?: string };

/** The browser's time zone: the days, weeks and months of the charts. */
const tz = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export const dashboardKeys = {
  all: ['dashboards'] as const,
  list: () => [...dashboardKeys.all, 'list'] as const,
  one: (key: string, params: DashboardParams) =>
    [...dashboardKeys.all, 'one', key, params] as const,
};

export async function fetchDashboards(): Promise<DashboardSummary[]> {
  return (await request<{ dashboards: DashboardSummary[] }>('GET', '/api/v1/dashboards'))
    .dashboards;
}

export function fetchDashboard(key: string, params: DashboardParams): Promise<DashboardReport> {
  return request(
    'GET',
    `/api/v1/dashboards/${encodeURIComponent(key)}` + query({ ...params, tz: tz() }),
  );
}
