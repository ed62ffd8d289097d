import type { ImportJob, Store } from '@trellis/store';
import type { Engine } from '../engine';
import type { FieldError } from '../i18n/errors';
import { importableFields, suggestMapping, type ColumnMapping } from './mapping';
import type { DedupeMode, ImportOptions } from './job-options';
import { importMessage } from './messages';
import { openTable } from './open-table';
import { readHeader, isBlankRow, type Column } from './header';
import type { Cell, FileFacts, ReadOptions } from './types';
import type { HeaderOptions } from './header';

/** What the wizard shows after the upload: what was detected, the columns, a proposal, a sample. */
export type ImportPreview = {
  facts: FileFacts;
  headerRow: number;
  headerRows: 1 | 2;
  columns: Column[];
  mapping: ColumnMapping;
  /** The first data rows as read. */
  sample: { row: number; cells: Cell[] }[];
  /** Fields a column may be mapped to: key, label, type, required, select options. */
  fields: {
    key: string;
    label: Record<string, string>;
    type: string;
    required: boolean;
    options?: { value: string; label: Record<string, string> }[];
  }[];
};

/**
 * Reads the head of an uploaded file for the wizard (throws `ImportFileError` for a file that
 * cannot be imported: empty, binary, unreadable).
 */
export async function previewImport(
  engine: Engine,
  entity: string,
  path: string,
  opts: ReadOptions & HeaderOptions,
): Promise<ImportPreview | null> {
  const model = (await engine.spec()).entity(entity);
  if (!model) return null;
  const table = await openTable(path, opts);
  const rows = [];
  for await (const r of table.rows()) {
    rows.push(r);
    if (rows.length >= 40) break;
  }
  const header = readHeader(rows, opts);
  const columns = header?.columns ?? [];
  const start = header ? header.headerRow + header.headerRows : 1;
  return {
    facts: table.facts,
    headerRow: header?.headerRow ?? 1,
    headerRows: header?.headerRows ?? 1,
    columns,
    mapping: suggestMapping(columns, model.entity),
    sample: rows.filter((r) => r.row >= start && !isBlankRow(r.cells)).slice(0, 20),
    fields: importableFields(model.entity).map((f) => ({
      key: f.key,
      label: f.label as Record<string, string>,
      type: f.type,
      required: f.required === true,
      ...(f.type === 'select' || f.type === 'multiselect'
        ? {
            options: f.options.map((o) => ({
              value: o.value,
              label: o.label as Record<string, string>,
            })),
          }
        : {}),
    })),
  };
}

// JSON Pointer escaping: a file's text may hold '/' or '~'.
const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

const DEDUPE: DedupeMode[] = ['skip', 'update', 'create'];

/** Checks the options a person chose; errors name the setting in their language. */
export async function checkImportOptions(
  engine: Engine,
  entity: string,
  options: ImportOptions,
): Promise<FieldError[]> {
  const model = (await engine.spec()).entity(entity);
  const say = (
    path: string,
    code: string,
    key: Parameters<typeof importMessage>[0],
    params = {},
  ) => ({
    path,
    code,
    message: importMessage(key, options.locale, params),
  });
  if (!model) return [say('/entity', 'unknown_entity', 'unknownEntity', { entity })];
  const errors: FieldError[] = [];
  if (!DEDUPE.includes(options.dedupe)) errors.push(say('/dedupe', 'invalid_value', 'badDedupe'));
  const fields = new Set(importableFields(model.entity).map((f) => f.key));
  const mapped = Object.entries(options.mapping ?? {});
  if (mapped.length === 0) errors.push(say('/mapping', 'required', 'noMapping'));
  const used = new Set<string>();
  for (const [column, field] of mapped) {
    if (!fields.has(field))
      errors.push(say(`/mapping/${column}`, 'unknown_field', 'unknownField', { field }));
    else if (used.has(field))
      errors.push(say(`/mapping/${column}`, 'duplicate', 'fieldTwice', { field }));
    used.add(field);
  }
  // Value mappings name a mapped select's options: a mistyped target would fail every such row.
  const isMap = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const values: unknown = options.values ?? {};
  if (!isMap(values)) errors.push(say('/values', 'invalid_value', 'badValues'));
  for (const [key, texts] of Object.entries(isMap(values) ? values : {})) {
    const field = model.entity.fields.find((f) => f.key === key);
    if (!isMap(texts)) {
      errors.push(say(`/values/${pointer(key)}`, 'invalid_value', 'badValues'));
      continue;
    }
    if (!used.has(key) || (field?.type !== 'select' && field?.type !== 'multiselect')) {
      errors.push(
        say(`/values/${pointer(key)}`, 'unknown_field', 'valuesNotMapped', { field: key }),
      );
      continue;
    }
    const options_ = new Set(field.options.map((o) => o.value));
    for (const [text, option] of Object.entries(texts))
      if (typeof option !== 'string' || !options_.has(option))
        errors.push(
          say(`/values/${pointer(key)}/${pointer(text)}`, 'invalid_option', 'notAnOption', {
            text,
            option: String(option),
            field: key,
          }),
        );
  }
  return errors;
}

/**
 * Creates a running job (the caller then runs it: `runImportJob`). `store` is where it is
 * written: a process whose engine reads on a read-only connection (the HTTP thread of
 * `trellis start`) passes its forwarding store so the insert runs in the writer.
 */
export async function createImportJob(
  engine: Engine,
  input: {
    entity: string;
    fileName: string;
    filePath: string;
    options: ImportOptions;
    dryRun: boolean;
  },
  store: Pick<Store, 'importJobs'> = engine.store,
): Promise<ImportJob> {
  const now = engine.clock.now();
  const job: ImportJob = {
    id: engine.ids.next(),
    entity: input.entity,
    dryRun: input.dryRun,
    status: 'running',
    createdBy: input.options.actor.userId ?? '',
    fileName: input.fileName,
    filePath: input.filePath,
    options: input.options,
    rowsTotal: null,
    lastRow: 0,
    rowsDone: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    failed: 0,
    error: null,
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
  };
  await store.importJobs.insert(job);
  return job;
}
