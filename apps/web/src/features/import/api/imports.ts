import { query, request } from '../../../lib/api/client';
import { currentLocale } from '../../../lib/i18n/locale';
import { toApiError, ApiError } from '../../../lib/api/problem';

export type Cell = string | number | boolean | null;
type Column = { index: number; name: string; parts: string[] };
type ImportField = {
  key: string;
  label: Record<string, string>;
  type: string;
  required: boolean;
  options?: { value: string; label: Record<string, string> }[];
};
export type Preview = {
  facts: {
    format: 'csv' | 'xlsx';
    encoding?: string;
    delimiter?: string;
    sheets?: string[];
    sheet?: string;
  };
  headerRow: number;
  headerRows: 1 | 2;
  columns: Column[];
  mapping: Record<string, string>;
  sample: { row: number; cells: Cell[] }[];
  fields: ImportField[];
};
export type Upload = { id: string; name: string; size: number };
export type DedupeMode = 'skip' | 'update' | 'create';
export type Job = {
  id: string;
  entity: string;
  dryRun: boolean;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  fileName: string;
  rowsTotal: number | null;
  rowsDone: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  error: string | null;
};
export type RowResult = {
  row: number;
  outcome: 'created' | 'updated' | 'skipped' | 'failed';
  recordId: string | null;
  errors: { column: string | null; field: string | null; code: string; message: string }[];
  cells: Cell[];
};
/** How to read the file again (the user overrides what was detected). */
export type ReadSettings = { encoding?: string; sheet?: string; headerRow?: number };

/** Uploads the file as the request body (streamed to the server's disk) and answers its preview. */
export async function uploadFile(
  entity: string,
  file: File,
): Promise<{ upload: Upload; preview: Preview }> {
  let res: Response;
  try {
    res = await fetch(`/api/v1/imports/uploads${query({ entity, name: file.name })}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'accept-language': currentLocale(), 'content-type': 'application/octet-stream' },
      body: file,
    });
  } catch {
    throw new ApiError({ status: 0, code: 'network' });
  }
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as { upload: Upload; preview: Preview };
}

/** The preview of an upload read with other settings. */
export function previewAgain(upload: string, entity: string, s: ReadSettings): Promise<Preview> {
  return request('GET', `/api/v1/imports/uploads/${upload}/preview` + query({ entity, ...s }));
}

/** One distinct text of a select column, its row count and the option it maps to (or null). */
export type FileValue = { text: string; rows: number; option: string | null };
export type ColumnValues = { column: number; field: string; values: FileValue[]; more: boolean };
/** Per field: the file's text -> the option chosen for it (null: left as it is, the row fails). */
export type ValueChoice = Record<string, Record<string, string | null>>;

/** The distinct values of each column mapped to a select field, with the suggested options. */
export async function fileValues(
  upload: string,
  entity: string,
  mapping: Record<string, string>,
  s: ReadSettings,
): Promise<ColumnValues[]> {
  const res = await request<{ columns: ColumnValues[] }>(
    'POST',
    `/api/v1/imports/uploads/${upload}/values`,
    { entity, mapping, ...s },
  );
  return res.columns;
}

/** Starts a dry run or a run. */
export function startImport(
  body: {
    upload: string;
    entity: string;
    mapping: Record<string, string>;
    values: Record<string, Record<string, string>>;
    dedupe: DedupeMode;
    automations: boolean;
    dryRun: boolean;
  } & ReadSettings,
): Promise<Job> {
  return request('POST', '/api/v1/imports', body);
}

export function getJob(id: string): Promise<Job> {
  return request('GET', `/api/v1/imports/${id}`);
}

export function cancelJob(id: string): Promise<Job> {
  return request('POST', `/api/v1/imports/${id}/cancel`);
}

/** Row results: every row of a dry run, failed and skipped rows of a run. */
export function jobRows(
  id: string,
  outcome?: RowResult['outcome'],
): Promise<{ items: RowResult[]; next: number | null }> {
  return request('GET', `/api/v1/imports/${id}/rows` + query({ outcome, limit: 200 }));
}

export const errorReportUrl = (id: string): string => `/api/v1/imports/${id}/errors.csv`;
export const progressUrl = (id: string): string => `/api/v1/imports/${id}/events`;
