import { fixedQueries } from './fixed-queries';
import { errorStatuses, FIXED_MEDIA, FIXED_RESPONSES } from './fixed-responses';
import { operationIdOf } from './operation-id';

type Schema = Record<string, unknown>;

/** [method, path, tag, summary, success status] of the endpoints that do not depend on the spec. */
const ENDPOINTS: [string, string, string, string, number][] = [
  [
    'post',
    '/api/v1/auth/login',
    'Auth',
    'Sign in with {login, password}; sets the session cookie',
    200,
  ],
  ['post', '/api/v1/auth/logout', 'Auth', 'Sign out', 204],
  ['get', '/api/v1/me', 'Auth', 'The signed-in user, role, capabilities and entity rights', 200],
  ['patch', '/api/v1/me', 'Auth', 'Change own name or locale', 200],
  ['post', '/api/v1/me/password', 'Auth', 'Change own password (ends other sessions)', 204],
  ['get', '/api/v1/setup', 'Auth', 'Whether the first admin still has to be created', 200],
  ['post', '/api/v1/setup', 'Auth', 'Create the first admin (only when there is no user)', 201],
  ['get', '/api/v1/search', 'Records', 'Search every readable entity (?q=)', 200],
  [
    'get',
    '/api/v1/records/{entity}/groups',
    'Records',
    'Counts and sums per value of a field (?by=stage&sum=amount&filter=&q=&tz=), in scope',
    200,
  ],
  [
    'post',
    '/api/v1/records/{entity}/bulk',
    'Records',
    'Assign, change stage, update or delete many records; one result per record',
    200,
  ],
  [
    'post',
    '/api/v1/records/{entity}/handover',
    'Ownership',
    'Hand records over to a new owner with the note the entity asks for (all or none); moves them unless the new owner must accept',
    200,
  ],
  ['get', '/api/v1/handovers', 'Ownership', 'Handovers waiting for me to accept', 200],
  [
    'post',
    '/api/v1/handovers/{id}/accept',
    'Ownership',
    'Accept a handover: the record moves to me',
    200,
  ],
  ['post', '/api/v1/handovers/{id}/decline', 'Ownership', 'Decline a handover, with a reason', 200],
  [
    'post',
    '/api/v1/handovers/{id}/consent',
    'Ownership',
    'Open the customer consent link of a handover (signed, valid handover.consentValid, default 72 h)',
    200,
  ],
  [
    'get',
    '/api/v1/records/{entity}/{id}/ownership',
    'Ownership',
    "The record's owner changes (the ownership ledger), oldest first",
    200,
  ],
  [
    'get',
    '/api/v1/pool/{entity}',
    'Ownership',
    'The public pool (公海): records without an owner, with the fields the pool shows (?q=&cursor=&limit=)',
    200,
  ],
  [
    'post',
    '/api/v1/records/{entity}/{id}/claim',
    'Ownership',
    'Claim a pool record (per-user cap)',
    200,
  ],
  [
    'post',
    '/api/v1/records/{entity}/{id}/release',
    'Ownership',
    'Release a record to the pool, with a reason',
    200,
  ],
  [
    'post',
    '/api/v1/users/{id}/leave/preview',
    'Ownership',
    'A rep leaves: which of their records would go to whom (round robin); needs reassign',
    200,
  ],
  [
    'post',
    '/api/v1/users/{id}/leave',
    'Ownership',
    'A rep leaves: hand every record of theirs over, round robin, in one operation; needs reassign',
    200,
  ],
  ['get', '/api/v1/views', 'Views', "The spec's views and my saved views", 200],
  ['get', '/api/v1/dashboards', 'Reports', 'The dashboards I may read, my role default first', 200],
  [
    'get',
    '/api/v1/dashboards/{key}',
    'Reports',
    'Every widget of a dashboard (?from=&to=&team=&owner=&tz=); each number with the JSONLogic filter of its records',
    200,
  ],
  [
    'get',
    '/api/v1/dashboards/{key}/widgets/{widget}',
    'Reports',
    'One widget of a dashboard (same parameters)',
    200,
  ],
  [
    'post',
    '/api/v1/dashboards/preview',
    'Reports',
    "The builder's preview of a draft widget over the live data (build; same parameters)",
    200,
  ],
  ['post', '/api/v1/views', 'Views', 'Save a view of my own', 201],
  ['get', '/api/v1/views/{key}', 'Views', 'One view (a spec view key or a saved view id)', 200],
  ['patch', '/api/v1/views/{key}', 'Views', 'Change a saved view of mine', 200],
  ['delete', '/api/v1/views/{key}', 'Views', 'Delete a saved view of mine', 204],
  [
    'get',
    '/api/v1/views/{key}/records',
    'Views',
    'Run a view: its filter ($user, today, this week resolved here) AND ?filter=, paged',
    200,
  ],
  [
    'get',
    '/api/v1/views/{key}/groups',
    'Views',
    "Counts and sums of a view's records per value of ?by= (boards: per stage)",
    200,
  ],
  [
    'get',
    '/api/v1/records/{entity}/deleted',
    'Records',
    'Recycle bin: deleted records (delete rights)',
    200,
  ],
  [
    'get',
    '/api/v1/records/{entity}/export',
    'Records',
    'Export records in scope as CSV or JSON (?format=, capability export)',
    200,
  ],
  ['get', '/api/v1/records/{entity}/{id}/history', 'Records', 'Field-level change history', 200],
  [
    'get',
    '/api/v1/records/{entity}/{id}/timeline',
    'Records',
    'Activities, stage changes, changes and tasks, newest first',
    200,
  ],
  ['post', '/api/v1/records/{entity}/{id}/restore', 'Records', 'Restore a deleted record', 200],
  [
    'get',
    '/api/v1/records/{entity}/{id}/activities',
    'Activities',
    'Activities of a record, newest first (paged)',
    200,
  ],
  [
    'post',
    '/api/v1/records/{entity}/{id}/activities',
    'Activities',
    'Log an activity (call, visit, trial class...)',
    201,
  ],
  ['get', '/api/v1/tasks', 'Tasks', 'My tasks (?status=open|done, ?assignee=)', 200],
  ['post', '/api/v1/tasks', 'Tasks', 'Create a task', 201],
  ['patch', '/api/v1/tasks/{id}', 'Tasks', 'Complete, reopen or reassign a task', 200],
  ['get', '/api/v1/notifications', 'Notifications', 'My notifications (?unread=1)', 200],
  ['post', '/api/v1/notifications/{id}/read', 'Notifications', 'Mark one notification read', 204],
  [
    'post',
    '/api/v1/notifications/read-all',
    'Notifications',
    'Mark all my notifications read',
    204,
  ],
  [
    'get',
    '/api/v1/events',
    'Notifications',
    'Server-sent events: my notifications and changes to records I can see',
    200,
  ],
  ['get', '/api/v1/automations', 'Automations', 'Automations of the live spec', 200],
  [
    'get',
    '/api/v1/automations/runs',
    'Automations',
    'Run log (?automation=&entity=&record=&status=)',
    200,
  ],
  [
    'get',
    '/api/v1/automations/deliveries',
    'Automations',
    'Webhook delivery health: counts by status and the latest failures (refused targets, dead letters)',
    200,
  ],
  [
    'post',
    '/api/v1/automations/{key}/test',
    'Automations',
    'Dry run against a record or sample values',
    200,
  ],
  [
    'post',
    '/api/v1/automations/{key}/run',
    'Automations',
    'Run a manual automation on records',
    202,
  ],
  [
    'post',
    '/api/v1/files',
    'Files',
    'Upload a file (multipart field "file"); answers the FileRef',
    201,
  ],
  ['get', '/api/v1/files/{id}', 'Files', 'Download a file the caller may read', 200],
  [
    'post',
    '/api/v1/imports/uploads',
    'Import',
    'Upload a CSV/XLSX file as the body (?entity=&name=, capability import); answers the preview: detected encoding, sheets, header, proposed mapping, sample rows',
    201,
  ],
  [
    'get',
    '/api/v1/imports/uploads/{id}/preview',
    'Import',
    'Preview an upload again with other settings (?entity=&encoding=&sheet=&headerRow=&headerRows=)',
    200,
  ],
  [
    'post',
    '/api/v1/imports',
    'Import',
    'Start an import job or a dry run of an upload ({upload, entity, mapping, values, dedupe, automations, dryRun})',
    202,
  ],
  ['get', '/api/v1/imports', 'Import', 'My import jobs (?entity=)', 200],
  ['get', '/api/v1/imports/{id}', 'Import', 'One of my import jobs with its counts', 200],
  ['post', '/api/v1/imports/{id}/cancel', 'Import', 'Cancel a running import job', 200],
  [
    'get',
    '/api/v1/imports/{id}/rows',
    'Import',
    'Row report of a job (?after=&outcome=&limit=): every row of a dry run, failed and skipped rows of a run',
    200,
  ],
  [
    'get',
    '/api/v1/imports/{id}/events',
    'Import',
    'Server-sent events: `progress` with the counts after each committed batch, then `end`',
    200,
  ],
  [
    'get',
    '/api/v1/imports/{id}/errors.csv',
    'Import',
    'The failed rows as read plus a reason column (CSV, UTF-8 with BOM): fix and import again',
    200,
  ],
  ['get', '/api/v1/users', 'Users', 'User directory', 200],
  ['post', '/api/v1/users', 'Users', 'Create a user (manageUsers)', 201],
  [
    'patch',
    '/api/v1/users/{id}',
    'Users',
    'Change role, teams, status, password (manageUsers)',
    200,
  ],
  ['get', '/api/v1/teams', 'Users', 'Teams and members', 200],
  ['get', '/api/v1/tokens', 'Users', 'API tokens (manageUsers)', 200],
  [
    'post',
    '/api/v1/tokens',
    'Users',
    'Issue an API token for a role; the token is shown once',
    201,
  ],
  ['delete', '/api/v1/tokens/{id}', 'Users', 'Revoke an API token', 204],
  ['get', '/api/v1/spec', 'Spec', 'The live spec and its version', 200],
  [
    'get',
    '/api/v1/spec/validators/{entity}.js',
    'Spec',
    "An entity's record validator of the live spec, precompiled (ajv standalone ES module)",
    200,
  ],
  ['get', '/api/v1/spec/draft', 'Spec', 'The draft being edited', 200],
  ['put', '/api/v1/spec/draft', 'Spec', 'Save the draft (validated; If-Match: revision)', 200],
  ['delete', '/api/v1/spec/draft', 'Spec', 'Discard the draft (If-Match: revision)', 204],
  [
    'post',
    '/api/v1/spec/draft/plan',
    'Spec',
    'Preview: validation, changes and migration plan of publishing the draft',
    200,
  ],
  ['post', '/api/v1/spec/publish', 'Spec', 'Publish the draft (applies the migration plan)', 201],
  ['get', '/api/v1/spec/versions', 'Spec', 'Published versions', 200],
  ['get', '/api/v1/spec/versions/{version}', 'Spec', 'One published version', 200],
  [
    'post',
    '/api/v1/spec/versions/{version}/restore',
    'Spec',
    'Publish an earlier version again',
    201,
  ],
  [
    'get',
    '/api/v1/intake/sources',
    'Intake',
    'Public forms and webhook sources with health (last success, last failure, daily counts)',
    200,
  ],
  [
    'get',
    '/api/v1/intake/sources/{kind}/{key}/log',
    'Intake',
    'Latest intake log entries of a source',
    200,
  ],
  [
    'put',
    '/api/v1/intake/webhooks/{key}/secret',
    'Intake',
    'Set or generate the token/HMAC secret of a webhook source',
    200,
  ],
  [
    'get',
    '/api/v1/public/forms/{form}',
    'Public intake',
    'Definition of a public form (for the form page)',
    200,
  ],
  [
    'post',
    '/hooks/{source}',
    'Public intake',
    'Inbound webhook (token header or HMAC signature)',
    201,
  ],
];

const str = { type: 'string' };
const strOrNull = { type: ['string', 'null'] };
const obj = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
});

/** Request bodies of the fixed endpoints that take one. */
const BODIES: Record<string, Schema> = {
  'post /api/v1/auth/login': obj({ login: str, password: { type: 'string', format: 'password' } }, [
    'login',
    'password',
  ]),
  'post /api/v1/me/password': obj({ current: str, password: { type: 'string', minLength: 8 } }, [
    'current',
    'password',
  ]),
  'patch /api/v1/me': obj({ name: str, locale: { enum: ['zh-CN', 'en'] } }),
  'post /api/v1/setup': obj({ login: str, password: { type: 'string', minLength: 8 }, name: str }, [
    'login',
    'password',
  ]),
  'post /api/v1/users': obj(
    {
      login: str,
      password: { type: 'string', minLength: 8 },
      role: str,
      teams: { type: 'array', items: str },
      name: str,
      supervisorId: str,
      locale: { enum: ['zh-CN', 'en'] },
      email: str,
      phone: str,
    },
    ['login', 'password', 'role'],
  ),
  'patch /api/v1/users/{id}': obj({
    role: str,
    teams: { type: 'array', items: str },
    status: { enum: ['active', 'away', 'disabled'] },
    password: str,
    name: str,
    supervisorId: { type: ['string', 'null'], description: 'Another person; null clears it' },
    locale: { enum: ['zh-CN', 'en'] },
  }),
  'post /api/v1/tokens': obj({ name: str, role: str, userId: str }, ['name', 'role']),
  'post /api/v1/views': obj(
    {
      entity: str,
      label: str,
      type: { enum: ['list', 'board'] },
      columns: { type: 'array', items: str },
      filter: { description: 'JSONLogic condition over fields I can see' },
      sort: {
        type: 'array',
        items: obj({ field: str, dir: { enum: ['asc', 'desc'] } }, ['field']),
      },
      groupBy: str,
    },
    ['entity', 'label'],
  ),
  'patch /api/v1/views/{key}': obj({
    label: str,
    type: { enum: ['list', 'board'] },
    columns: { type: 'array', items: str },
    filter: {},
    sort: { type: 'array', items: obj({ field: str, dir: { enum: ['asc', 'desc'] } }, ['field']) },
    groupBy: str,
  }),
  'post /api/v1/records/{entity}/handover': obj(
    {
      ids: { type: 'array', items: str, maxItems: 500 },
      to: { ...str, description: 'User id or login of the new owner' },
      reason: str,
      note: obj({
        needs: { type: 'array', items: str, description: 'Key needs (the protocol asks for 3)' },
        risks: { type: 'array', items: str, description: 'Risks (the protocol asks for 2)' },
        open: { type: 'array', items: str, description: 'Open items (the protocol asks for 1)' },
        text: str,
      }),
    },
    ['ids', 'to'],
  ),
  'post /api/v1/handovers/{id}/decline': obj({ reason: str }),
  'post /api/v1/records/{entity}/{id}/release': obj({ reason: str }, ['reason']),
  'post /api/v1/users/{id}/leave/preview': obj({ to: { type: 'array', items: str } }, ['to']),
  'post /api/v1/users/{id}/leave': obj(
    { to: { type: 'array', items: str }, reason: str, note: { type: 'object' } },
    ['to'],
  ),
  'post /api/v1/records/{entity}/bulk': obj(
    {
      action: { enum: ['assign', 'stage', 'update', 'delete'] },
      ids: { type: 'array', items: str, maxItems: 500 },
      ownerId: strOrNull,
      teamId: strOrNull,
      stage: str,
      values: { type: 'object' },
    },
    ['action', 'ids'],
  ),
  'post /api/v1/records/{entity}/{id}/activities': obj(
    {
      type: str,
      body: str,
      occurredAt: { type: 'integer' },
      attachments: {
        type: 'array',
        items: obj({ id: str, name: str, size: { type: 'integer' }, mime: str }),
      },
    },
    ['type'],
  ),
  'post /api/v1/tasks': obj(
    {
      title: str,
      description: str,
      entity: str,
      recordId: str,
      assigneeId: str,
      dueAt: { type: 'integer' },
    },
    ['title'],
  ),
  'patch /api/v1/tasks/{id}': obj({
    status: { enum: ['done'] },
    assigneeId: str,
    dueAt: { type: 'integer' },
  }),
  'put /api/v1/spec/draft': {
    type: 'object',
    description: 'An app spec (see app-spec.schema.json)',
  },
  'post /api/v1/spec/publish': obj({
    note: str,
    resolutions: { type: 'object' },
    spec: { type: 'object' },
  }),
  'post /api/v1/automations/{key}/test': obj({
    record: { type: ['object', 'string', 'null'] },
    previous: { type: 'object' },
    draft: { type: 'boolean', description: "true: try the builder's draft, not the live spec" },
  }),
  'post /api/v1/dashboards/preview': obj(
    { widget: { type: 'object', description: 'A widget as the spec writes it (docs/reports.md)' } },
    ['widget'],
  ),
  'post /api/v1/automations/{key}/run': obj({ recordIds: { type: 'array', items: str } }, [
    'recordIds',
  ]),
  'put /api/v1/intake/webhooks/{key}/secret': obj({ secret: { type: 'string', minLength: 16 } }),
};

/** Endpoints answering 200 instead of their 201 when nothing was created. */
const UNCHANGED_OK = new Set([
  'post /api/v1/spec/publish',
  'post /api/v1/spec/versions/{version}/restore',
]);

/** Paths of the fixed endpoints with request and response bodies (fixed-responses.ts) and their problem answers. */
export function fixedPaths(
  problem: Schema,
  maxPageSize: number,
): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  const queries = fixedQueries(maxPageSize);
  for (const [method, path, tag, summary, status] of ENDPOINTS) {
    const params = [
      ...[...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...(queries[`${method} ${path}`] ?? []),
    ];
    const id = `${method} ${path}`;
    const isPublic =
      path.startsWith('/hooks/') ||
      path.includes('/public/') ||
      path.endsWith('/login') ||
      path.endsWith('/setup');
    const answer = FIXED_RESPONSES[id];
    const success =
      status === 204 || !answer
        ? { description: summary }
        : {
            description: summary,
            content: { [FIXED_MEDIA[id] ?? 'application/json']: { schema: answer } },
          };
    // A bad query parameter (limit, cursor, status, filter) is a 400 naming the parameter.
    const errors = Object.fromEntries(
      [
        ...errorStatuses(method, path, isPublic, Boolean(BODIES[id])),
        ...(queries[id] ? [400] : []),
      ].map((s) => [s, problem]),
    );
    paths[path] = {
      ...paths[path],
      [method]: {
        tags: [tag],
        operationId: operationIdOf(method, path),
        summary,
        ...(params.length ? { parameters: params } : {}),
        ...(BODIES[id]
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: BODIES[id] } },
              },
            }
          : {}),
        ...(isPublic ? { security: [] } : {}),
        responses: {
          [status]: success,
          ...(UNCHANGED_OK.has(id)
            ? {
                200: {
                  ...success,
                  description: 'The spec equals the live one: nothing published, `unchanged: true`',
                },
              }
            : {}),
          ...errors,
          default: problem,
        },
      },
    };
  }
  return paths;
}
