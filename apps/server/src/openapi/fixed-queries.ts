import { RUN_STATUSES } from '@trellis/engine';

type Schema = Record<string, unknown>;

const query = (name: string, schema: Schema, description?: string, required = false): Schema => ({
  name,
  in: 'query',
  ...(required ? { required } : {}),
  schema,
  ...(description ? { description } : {}),
});
const str = { type: 'string' };

/** `?limit=&cursor=`: every list of the API pages this way (answers carry `nextCursor`). */
function pageParams(maxPageSize: number): Schema[] {
  return [
    query(
      'limit',
      { type: 'integer', minimum: 1, maximum: maxPageSize, default: 50 },
      'Items per page',
    ),
    query('cursor', str, "The previous page's nextCursor"),
  ];
}

/** `?filter=&sort=&q=` plus paging: what a record list takes. */
export function recordListParams(maxPageSize: number): Schema[] {
  return [
    query(
      'filter',
      str,
      'JSONLogic condition as JSON over fields the caller can see, e.g. {"==":[{"var":"stage"},"new"]}',
    ),
    query(
      'sort',
      str,
      'Up to five comma-separated fields, "-" for descending, e.g. -createdAt (a sixth: 400 invalid_sort)',
    ),
    query('q', str, 'Full-text search'),
    ...pageParams(maxPageSize),
  ];
}

const tz = query('tz', str, 'IANA time zone for today / this week in filters (else X-Time-Zone)');
const count = query('count', { enum: ['1'] }, 'Also answer `total`');
const day = { type: 'string', format: 'date' };
/** `?from=&to=&team=&owner=&tz=` of a dashboard or widget. */
const reportParams = [
  query('from', day, 'First day (YYYY-MM-DD) in the time zone; default the widget period'),
  query('to', day, 'Last day, included'),
  query('team', str, 'Only records of this team'),
  query('owner', str, 'Only records of this owner (user id)'),
  query('tz', str, 'IANA time zone days, weeks and months are cut in (default Asia/Shanghai)'),
];

/** Query parameters of the fixed endpoints that take any, keyed `method path`. */
export function fixedQueries(maxPageSize: number): Record<string, Schema[]> {
  const page = pageParams(maxPageSize);
  const list = recordListParams(maxPageSize);
  return {
    'post /api/v1/spec/draft/plan': [
      query('specs', { enum: ['1'] }, 'Also answer both full specs (plan.from, plan.to; ~90 KB)'),
    ],
    'post /api/v1/templates/{name}/plan': [
      query('spec', { enum: ['1'] }, 'Also answer the merged spec the plan would publish'),
    ],
    'get /api/v1/search': [query('q', { type: 'string', minLength: 1 }, 'Search text', true)],
    'get /api/v1/records/{entity}/groups': [
      query('by', str, 'stage, ownerId, teamId or a select, user or boolean field'),
      query('sum', str, 'Up to five comma-separated number or money fields'),
      list[0]!,
      list[2]!,
      tz,
    ],
    'get /api/v1/dashboards/{key}': reportParams,
    'get /api/v1/dashboards/{key}/widgets/{widget}': reportParams,
    'post /api/v1/dashboards/preview': reportParams,
    'get /api/v1/records/{entity}/deleted': list,
    'get /api/v1/records/{entity}/export': [
      query('format', { enum: ['csv', 'csv-gbk', 'xlsx', 'json'], default: 'csv' }),
      list[0]!,
      list[1]!,
      list[2]!,
      query('view', str, 'The view exported, kept in the audit trail'),
    ],
    'get /api/v1/exports': page,
    'get /api/v1/records/{entity}/{id}/activities': page,
    'get /api/v1/views/{key}/records': [...list, count, tz],
    'get /api/v1/views/{key}/groups': [query('by', str), query('sum', str), list[0]!, list[2]!, tz],
    'get /api/v1/tasks': [
      query('status', { enum: ['open', 'done'] }),
      query('assignee', str, 'Someone else’s tasks (capability reassign)'),
      ...page,
    ],
    'get /api/v1/notifications': [query('unread', { enum: ['1'] }, 'Unread only'), ...page],
    'get /api/v1/users': page,
    'get /api/v1/automations/runs': [
      query('automation', str, 'Automation key'),
      query('entity', str),
      query('record', str, 'Record id'),
      query('status', { enum: [...RUN_STATUSES] }, 'Any other value: 400'),
      ...page,
    ],
  };
}
