/** Answers of imports: a job and its preview (file facts, columns, mapping, sample). */
import { str, strOrNull, int, intOrNull, bool, anyObj, obj, localeMap } from './schema-kit';

export const IMPORT_JOB = obj(
  {
    id: str,
    entity: str,
    dryRun: bool,
    status: { enum: ['running', 'done', 'cancelled', 'failed'] },
    fileName: str,
    rowsTotal: intOrNull,
    rowsDone: int,
    created: int,
    updated: int,
    skipped: int,
    failed: int,
    error: strOrNull,
    createdAt: int,
    finishedAt: intOrNull,
    options: anyObj,
  },
  ['id', 'entity', 'dryRun', 'status', 'rowsDone', 'created', 'updated', 'skipped', 'failed'],
);
export const IMPORT_PREVIEW = obj(
  {
    facts: obj(
      {
        format: { enum: ['csv', 'xlsx'] },
        encoding: str,
        delimiter: str,
        sheets: { type: 'array', items: str },
        sheet: str,
      },
      ['format'],
    ),
    headerRow: int,
    headerRows: int,
    columns: {
      type: 'array',
      items: obj({ index: int, name: str, parts: { type: 'array', items: str } }, [
        'index',
        'name',
      ]),
    },
    mapping: { type: 'object', additionalProperties: str },
    sample: { type: 'array', items: obj({ row: int, cells: { type: 'array' } }, ['row', 'cells']) },
    fields: {
      type: 'array',
      items: obj({ key: str, label: localeMap, type: str, required: bool }, [
        'key',
        'label',
        'type',
      ]),
    },
  },
  ['facts', 'columns', 'mapping', 'sample', 'fields'],
);
/** The value-mapping step: per mapped select column, its distinct values and suggestions. */
export const IMPORT_VALUES = obj(
  {
    columns: {
      type: 'array',
      items: obj(
        {
          column: int,
          field: str,
          more: bool,
          values: {
            type: 'array',
            items: obj({ text: str, rows: int, option: strOrNull }, ['text', 'rows', 'option']),
          },
        },
        ['column', 'field', 'values', 'more'],
      ),
    },
  },
  ['columns'],
);
