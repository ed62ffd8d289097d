import { cellUnit, type Unit } from '../../lib/reports/format';
import type { ReportColumn, WidgetReport } from './api/dashboards';

const safeName = (s: string) => s.replace(/[\\/:*?"<>|]+/g, '_').slice(0, 80) || 'widget';

/**
 * A number as a spreadsheet cell, exact (the chart's rounding is for labels): money in yuan,
 * a ratio as the fraction shown as a percent, days to one decimal shown.
 */
function cell(value: number | null, unit: Unit) {
  if (value === null || Number.isNaN(value)) return null;
  if (unit === 'money') return { value: value / 100, type: Number, format: '#,##0.00' };
  if (unit === 'ratio') return { value, type: Number, format: '0.0%' };
  if (unit === 'days') return { value, type: Number, format: '0.0' };
  return { value, type: Number };
}

/** A column's heading as one line of text: its label, and its days when it has its own. */
function columnHeading(c: ReportColumn): string {
  return c.period ? `${c.label} ${c.period.from ?? '…'}–${c.period.to ?? '…'}` : c.label;
}

/** Downloads a widget's table as an .xlsx sheet: one row per row, a column per number. */
export async function exportXlsx(w: WidgetReport, firstColumn: string): Promise<void> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  const header = [firstColumn, ...w.columns.map(columnHeading)].map((value) => ({
    value,
    fontWeight: 'bold' as const,
  }));
  // A leaderboard's records without an owner: the last row, after the ranked ones.
  const rows = w.unowned ? [...w.rows, w.unowned] : w.rows;
  const body = rows.map((r) => [
    { value: r.label || w.title },
    ...w.columns.map((c) => cell(r.values[c.key]?.value ?? null, cellUnit(r, c))),
  ]);
  await writeXlsxFile([header, ...body], { sheet: safeName(w.title).slice(0, 31) }).toFile(
    `${safeName(w.title)}.xlsx`,
  );
}

/** Downloads a chart as a PNG at twice its size, on white. */
export function exportPng(dataUrl: string, title: string): void {
  const a = document.createElement('a');
  a.href = dataUrl;
  a.download = `${safeName(title)}.png`;
  a.click();
}
