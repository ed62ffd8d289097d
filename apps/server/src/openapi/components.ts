/**
 * The shared component schemas the fixed endpoints reference, under their `sys.` names. Objects
 * stay open (extra properties allowed) so adding a property to an answer is not a breaking change
 * of the document; `required` lists what clients may rely on.
 */
import { AUTOMATION_COMPONENTS } from './automation-components';
import { REPORT_COMPONENTS } from './report-schemas';
import {
  str,
  strOrNull,
  int,
  intOrNull,
  bool,
  anyObj,
  obj,
  ref,
  localeMap,
  type Schema,
} from './schema-kit';

const COMPONENTS: Record<string, Schema> = {
  ExportLogEntry: obj(
    {
      id: str,
      userId: strOrNull,
      entity: str,
      view: { ...strOrNull, description: 'The view named in ?view= of the export' },
      filter: { ...strOrNull, description: 'The ?filter= of the export (JsonLogic text)' },
      q: strOrNull,
      format: { enum: ['csv', 'csv-gbk', 'xlsx', 'json'] },
      rows: { ...int, description: 'Rows that left (a download broken off counts fewer)' },
      at: int,
    },
    ['id', 'userId', 'entity', 'view', 'filter', 'q', 'format', 'rows', 'at'],
  ),
  User: obj(
    {
      id: str,
      login: str,
      name: str,
      role: str,
      status: { enum: ['active', 'away', 'disabled'] },
      locale: strOrNull,
      email: strOrNull,
      phone: strOrNull,
      supervisorId: strOrNull,
      teams: { type: 'array', items: str },
      createdAt: int,
      updatedAt: int,
    },
    ['id', 'login', 'name', 'role', 'status', 'teams'],
  ),
  Team: obj(
    {
      key: str,
      label: localeMap,
      parentKey: strOrNull,
      leadUserId: strOrNull,
      members: { type: 'array', items: str },
    },
    ['key', 'members'],
  ),
  ApiToken: obj(
    {
      id: str,
      name: str,
      role: str,
      userId: strOrNull,
      createdBy: strOrNull,
      createdAt: int,
      lastUsedAt: intOrNull,
      revokedAt: intOrNull,
    },
    ['id', 'name', 'role', 'createdAt'],
  ),
  Task: obj(
    {
      id: str,
      entity: strOrNull,
      recordId: strOrNull,
      title: str,
      description: strOrNull,
      assigneeId: strOrNull,
      dueAt: intOrNull,
      status: str,
      completedAt: intOrNull,
      createdBy: strOrNull,
      createdAt: int,
      source: {},
    },
    ['id', 'title', 'status', 'createdAt'],
  ),
  Notification: obj(
    {
      id: str,
      kind: str,
      title: str,
      body: strOrNull,
      entity: strOrNull,
      recordId: strOrNull,
      payload: {},
      createdAt: int,
      readAt: intOrNull,
    },
    ['id', 'kind', 'title', 'createdAt'],
  ),
  FileRef: obj({ id: str, name: str, size: int, mime: str }, ['id', 'name', 'size', 'mime']),
  Activity: obj(
    {
      id: str,
      entity: str,
      recordId: str,
      type: str,
      body: strOrNull,
      occurredAt: int,
      actorId: strOrNull,
      attachments: { type: 'array', items: ref('FileRef') },
      meta: { type: ['object', 'null'] },
      createdAt: int,
    },
    ['id', 'entity', 'recordId', 'type', 'occurredAt'],
  ),
  AnyRecord: obj({ id: str, version: int, createdAt: int }, ['id']),
  SpecVersion: obj(
    {
      version: int,
      spec: anyObj,
      publishedAt: int,
      publishedBy: strOrNull,
      note: strOrNull,
      changes: {},
    },
    ['version'],
  ),
  SpecDraft: obj(
    {
      spec: {},
      baseVersion: intOrNull,
      updatedAt: int,
      updatedBy: strOrNull,
      revision: { type: 'integer', description: 'What If-Match takes to save over this draft' },
    },
    ['spec', 'baseVersion', 'updatedAt', 'revision'],
  ),
  PublishResult: obj({ version: int, unchanged: bool, summary: {}, changes: {} }, [
    'version',
    'unchanged',
  ]),
  ValidationIssue: obj({ path: str, code: str, message: str }, ['path', 'code', 'message']),
  // The run log (docs/automations.md): why a run matched or not and what each action did.
  ...AUTOMATION_COMPONENTS,
  View: obj(
    {
      key: str,
      kind: { enum: ['spec', 'saved'] },
      entity: str,
      label: { oneOf: [localeMap, str] },
      description: localeMap,
      type: { enum: ['list', 'board'] },
      columns: { type: 'array', items: str },
      filter: { description: 'JSONLogic condition' },
      sort: {
        type: 'array',
        items: obj({ field: str, dir: { enum: ['asc', 'desc'] } }, ['field']),
      },
      groupBy: str,
      pageSize: int,
      createdAt: int,
      updatedAt: int,
    },
    ['key', 'kind', 'entity', 'label', 'type'],
  ),
  /** Records counted (and summed) per value of a field. */
  Group: obj(
    {
      value: { description: 'The value of the grouped field; null for records without one' },
      count: int,
      sums: { type: 'object', additionalProperties: { type: ['number', 'null'] } },
    },
    ['value', 'count', 'sums'],
  ),
  /** One record's outcome of a bulk action. */
  BulkResult: obj(
    {
      id: str,
      ok: bool,
      version: int,
      status: int,
      code: str,
      message: str,
      errors: {
        type: 'array',
        items: obj({ path: str, code: str, message: str }, ['path', 'code', 'message']),
      },
    },
    ['id', 'ok'],
  ),
};

/** Component schemas shared by fixed endpoints, under their `sys.` names. */
export const FIXED_COMPONENTS: Record<string, Schema> = Object.fromEntries(
  Object.entries({ ...COMPONENTS, ...REPORT_COMPONENTS }).map(([k, v]) => [`sys.${k}`, v]),
);
