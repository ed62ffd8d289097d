import { useMemo, useRef } from 'react';
import { Button, Card, Dropdown, Empty } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../../hooks/useIsPhone';
import { groupColors } from '../../../lib/reports/colors';
import { useLiveSpec } from '../../../lib/session/useSpec';
import type { WidgetReport } from '../api/dashboards';
import { EChart } from '../charts/EChart';
import type { echarts } from '../charts/echarts';
import { CHARTS } from '../charts/options';
import { exportPng, exportXlsx } from '../export';
import { UnownedLine } from '../../../components/reports/UnownedLine';
import { KpiTile } from './KpiTile';
import { useOpenRecords } from './useOpenRecords';
import { WidgetTable } from './WidgetTable';

/** Charts of a pipeline's stages: a row per stage whatever the period holds. */
const STAGE_CHARTS = new Set(['funnel', 'stageConversion', 'dwellTime']);

/** Chart types whose table adds numbers the chart does not show. */
const WITH_TABLE = new Set(['funnel', 'stageConversion', 'dwellTime', 'staleFollowUps']);

/**
 * One widget of the dashboard `dashboard`: a KPI tile, a chart (clickable) and/or a table;
 * export to XLSX and PNG.
 */
export function WidgetCard({ widget, dashboard }: { widget: WidgetReport; dashboard: string }) {
  const { t } = useTranslation('dashboards');
  const phone = useIsPhone();
  const open = useOpenRecords(widget.entity);
  const chart = useRef<echarts.ECharts | null>(null);
  const live = useLiveSpec();
  // Groups of a select field or stage keep their colours from the spec (risk red / yellow / green).
  const colors = useMemo(
    () =>
      groupColors(
        live,
        live.dashboards
          ?.find((d) => d.key === dashboard)
          ?.widgets.find((x) => x.key === widget.key),
      ),
    [live, dashboard, widget.key],
  );
  const spec = useMemo(
    () => CHARTS[widget.type]?.(widget, phone, colors) ?? null,
    [widget, phone, colors],
  );
  const firstColumn = t(
    STAGE_CHARTS.has(widget.type)
      ? 'stage'
      : ['staleFollowUps', 'leaderboard', 'dataHealth'].includes(widget.type)
        ? 'owner'
        : 'item',
  );
  // A funnel, conversion or dwell time with nothing counted (a period before any record) says
  // so, instead of a chart of equal blocks and a table of zeros.
  const nothing =
    STAGE_CHARTS.has(widget.type) &&
    widget.rows.every((r) => Object.values(r.values).every((n) => !n.value));
  const empty = widget.rows.length === 0 || widget.note !== undefined || nothing;
  const height = phone ? 240 : widget.type === 'funnel' ? 300 : 280;
  const menu = [
    { key: 'xlsx', label: t('exportXlsx') },
    ...(spec ? [{ key: 'png', label: t('exportPng') }] : []),
  ];
  const onExport = ({ key }: { key: string }) => {
    if (key === 'xlsx') void exportXlsx(widget, firstColumn);
    else if (chart.current)
      exportPng(chart.current.getDataURL({ pixelRatio: 2, backgroundColor: '#fff' }), widget.title);
  };
  let body;
  if (empty)
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={widget.note ?? t('noData')} />;
  else if (widget.type === 'metric' || (widget.type === 'ratio' && widget.rows[0]?.key === 'value'))
    body = <KpiTile widget={widget} />;
  else
    body = (
      <>
        {spec ? (
          <EChart
            option={spec.option}
            height={height}
            ariaLabel={widget.title}
            chartRef={(c) => {
              chart.current = c;
            }}
            onPick={(i) => {
              const row = widget.rows.find((r) => r.key === spec.rowKeys[i]);
              if (row) open(row.values[spec.column], `${widget.title} · ${row.label}`);
            }}
          />
        ) : null}
        {!spec || WITH_TABLE.has(widget.type) ? (
          <WidgetTable widget={widget} firstColumn={firstColumn} />
        ) : null}
      </>
    );
  return (
    <Card
      size="small"
      title={widget.title}
      className="trellis-widget"
      data-widget={widget.key}
      extra={
        empty ? null : (
          <Dropdown menu={{ items: menu, onClick: onExport }} trigger={['click']}>
            <Button size="small" type="text" icon={<DownloadOutlined />} aria-label={t('export')} />
          </Dropdown>
        )
      }
    >
      {body}
      <UnownedLine widget={widget} />
    </Card>
  );
}
