import type { WidgetReport } from './api/dashboards';
import { chartValue } from './format';

const safeName = (s: string) => s.replace(/[\\/:*?"<>|]+/g, '_').slice(0, 80) || 'widget';

/** Downloads a widget's table as an .xlsx sheet: one row per row, a column per number. */
export async function exportXlsx(w: WidgetReport, firstColumn: string): Promise<void> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  const header = [firstColumn, ...w.columns.map((c) => c.label)].map((value) => ({
    value,
    fontWeight: 'bold' as const,
  }));
  const body = w.rows.map((r) => [
    { value: r.label || w.title },
    ...w.columns.map((c) => {
      const v = chartValue(r.values[c.key]?.value ?? null, r.unit ?? c.unit);
      return v === null ? null : { value: v, type: Number };
    }),
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
