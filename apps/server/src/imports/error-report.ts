import type { ImportJob, ImportRowResult, Store } from '@trellis/store';

const reasonLabel = { 'zh-CN': '失败原因', en: 'Reason' } as const;

// Quote every cell; a leading = + - @ would run as a formula in a spreadsheet: prefix a quote.
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

function reason(r: ImportRowResult): string {
  return r.errors.map((e) => (e.column ? `${e.column}：${e.message}` : e.message)).join('；');
}

/**
 * The error report of a job as CSV lines (UTF-8 with BOM): the file's header plus a reason
 * column, then each failed row as it was read with its reason — fix the cells, delete the
 * reason column or not (it maps to no field), import again.
 */
export async function* errorReport(
  store: Store,
  job: ImportJob,
  columns: string[],
  locale: 'zh-CN' | 'en',
): AsyncGenerator<string> {
  yield `\uFEFF${[...columns, reasonLabel[locale]].map(csvCell).join(',')}\r\n`;
  let after = 0;
  for (;;) {
    const page = await store.importJobs.rows(job.id, {
      afterRow: after,
      outcomes: ['failed'],
      limit: 500,
    });
    if (page.length === 0) return;
    let chunk = '';
    for (const r of page) {
      const cells = columns.map((_, i) => r.cells[i]);
      chunk += `${[...cells, reason(r)].map(csvCell).join(',')}\r\n`;
    }
    yield chunk;
    after = page.at(-1)!.row;
  }
}
