/**
 * Response bodies of the fixed endpoints (those that do not depend on the spec) and the shared
 * component schemas they reference. Objects stay open (extra properties allowed) so adding a
 * property to an answer is not a breaking change of the document; `required` lists what
 * clients may rely on.
 */
import { REPORT_COMPONENTS, REPORT_RESPONSES } from './report-schemas';

type Schema = Record<string, unknown>;

const str = { type: 'string' };
const strOrNull = { type: ['string', 'null'] };
const int = { type: 'integer' };
const intOrNull = { type: ['integer', 'null'] };
const bool = { type: 'boolean' };
const anyObj = { type: 'object' };
const obj = (properties: Record<string, unknown>, required: string[] = []): Schema => ({
  type: 'object',
  properties,
  required,
});
// Component names carry a `sys.` prefix: entity schemas are named after entity keys (an entity
// `task` is `Task`), which never contain a dot, so the two never collide.
const ref = (name: string) => ({ $ref: `#/components/schemas/sys.${name}` });
const items = (schema: Schema, extra: Record<string, unknown> = {}) =>
  obj({ items: { type: 'array', items: schema }, ...extra }, ['items']);
/** A page of a list: every list pages with `?limit=&cursor=` and answers `nextCursor`. */
const page = (schema: Schema, extra: Record<string, unknown> = {}) =>
  obj({ items: { type: 'array', items: schema }, nextCursor: strOrNull, ...extra }, [
    'items',
    'nextCursor',
  ]);
const localeMap = { type: 'object', additionalProperties: { type: 'string' } };

const named = {
  type: 'array',
  items: obj({ key: str, label: { type: ['object', 'null'] } }, ['key']),
};
const TEMPLATE_CARD_PROPS = {
  name: str,
  version: str,
  label: { type: ['object', 'null'] },
  description: { type: ['object', 'null'] },
  previews: { type: 'array', items: str, description: 'URLs of the screenshots' },
  installed: { ...strOrNull, description: 'The installed version; null: not installed' },
  offer: {
    enum: ['install', 'upgrade', 'reinstall', 'older'],
    description: 'What applying it does; older: a newer version is installed',
  },
};
const TEMPLATE_CARD = obj(TEMPLATE_CARD_PROPS, [
  'name',
  'version',
  'previews',
  'installed',
  'offer',
]);
const TEMPLATE_PLAN = obj(
  {
    name: str,
    version: str,
    installed: strOrNull,
    kind: { enum: ['install', 'upgrade', 'reinstall'] },
    changes: {
      type: 'array',
      items: obj({ path: str, op: { enum: ['added', 'removed', 'changed'] } }),
    },
    conflicts: {
      type: 'array',
      items: obj(
        { path: str, base: {}, ours: {}, theirs: {}, chosen: { enum: ['ours', 'theirs'] } },
        ['path', 'chosen'],
      ),
    },
    unresolved: { type: 'array', items: str },
    diff: { type: 'array' },
    migration: { type: ['object', 'null'] },
    errors: { type: 'array', items: ref('ValidationIssue') },
  },
  ['name', 'version', 'installed', 'kind', 'changes', 'conflicts', 'unresolved', 'errors'],
);

const IMPORT_JOB = obj(
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
const IMPORT_PREVIEW = obj(
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
  ConditionTrace: obj(
    {
      matched: bool,
      failed: {
        type: 'array',
        items: obj({ path: str, expr: {}, value: {}, error: str }, ['path']),
      },
      error: str,
    },
    ['matched', 'failed'],
  ),
  ActionResult: {
    oneOf: [
      obj({ ok: { const: true }, summary: str, data: anyObj }, ['ok', 'summary']),
      obj(
        {
          ok: { const: false },
          code: str,
          message: str,
          errors: { type: 'array', items: ref('ValidationIssue') },
        },
        ['ok', 'code', 'message'],
      ),
    ],
  },
  ActionLog: obj(
    {
      index: int,
      type: str,
      status: { enum: ['succeeded', 'failed', 'skipped'] },
      result: ref('ActionResult'),
      durationMs: { type: 'number' },
      replayed: bool,
      delivery: ref('DeliveryState'),
    },
    ['index', 'type', 'status', 'durationMs'],
  ),
  DeliveryState: obj(
    {
      id: str,
      status: { enum: ['pending', 'delivered', 'dead'] },
      attempts: int,
      lastError: strOrNull,
      deliveredAt: intOrNull,
    },
    ['id', 'status', 'attempts', 'lastError'],
  ),
  AutomationRun: obj(
    {
      id: str,
      eventId: strOrNull,
      automationKey: str,
      triggerType: str,
      entity: strOrNull,
      recordId: strOrNull,
      matched: bool,
      conditionTrace: { oneOf: [ref('ConditionTrace'), { type: 'null' }] },
      actions: { type: 'array', items: ref('ActionLog') },
      status: { enum: ['matched', 'skipped', 'failed', 'succeeded', 'stopped'] },
      error: strOrNull,
      depth: int,
      startedAt: int,
      durationMs: { type: 'number' },
      dryRun: bool,
    },
    ['id', 'automationKey', 'triggerType', 'matched', 'actions', 'status', 'startedAt', 'dryRun'],
  ),
  Automation: obj(
    {
      key: str,
      label: localeMap,
      enabled: bool,
      on: obj({ type: str }, ['type']),
      if: {},
      do: { type: 'array', items: obj({ type: str }, ['type']) },
    },
    ['key', 'on', 'do'],
  ),
  /** A list or board of records: one of the spec's views or one the caller saved. */
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

const me = obj(
  {
    user: { oneOf: [ref('User'), { type: 'null' }] },
    actor: obj({ kind: str, role: strOrNull, teams: { type: 'array', items: str } }),
    via: str,
    role: anyObj,
    capabilities: { type: 'array', items: str },
    entities: { type: 'object', additionalProperties: anyObj },
  },
  ['actor', 'capabilities', 'entities'],
);
const userBox = obj({ user: ref('User') }, ['user']);
const recordItems = page(ref('AnyRecord'));
const change = obj({ field: str, before: {}, after: {}, actorId: strOrNull, via: str, at: int }, [
  'field',
]);
const intakeSource = obj(
  {
    kind: { enum: ['form', 'webhook'] },
    key: str,
    label: localeMap,
    entity: str,
    endpoint: str,
    auth: str,
    secretSet: bool,
    health: anyObj,
  },
  ['kind', 'key', 'endpoint'],
);

/** Body schema of the 2xx answer of each fixed endpoint (`method path`); 204s have none. */
/** A handover (交接): from, to, why, the note in `summary`, pending / accepted / declined. */
const handover = obj(
  {
    id: str,
    entity: str,
    recordId: str,
    fromUserId: strOrNull,
    toUserId: str,
    reason: strOrNull,
    summary: anyObj,
    status: { enum: ['pending', 'accepted', 'declined', 'cancelled'] },
    createdAt: int,
    decidedAt: intOrNull,
  },
  ['id', 'entity', 'recordId', 'toUserId', 'status', 'createdAt'],
);
/** One row of the ownership ledger. */
const ownershipChange = obj(
  {
    id: str,
    kind: {
      enum: ['create', 'assign', 'transfer', 'handover', 'claim', 'release', 'reclaim', 'merge'],
    },
    fromUserId: strOrNull,
    toUserId: strOrNull,
    fromTeamId: strOrNull,
    toTeamId: strOrNull,
    reason: strOrNull,
    actorId: strOrNull,
    via: str,
    handoverId: strOrNull,
    readUntil: intOrNull,
    at: int,
  },
  ['id', 'kind', 'at'],
);
/** "A rep leaves": every record and who gets it. */
const leavePlan = obj(
  {
    from: str,
    to: { type: 'array', items: str },
    items: { type: 'array', items: obj({ entity: str, id: str, title: str, to: str }) },
    perOwner: { type: 'object', additionalProperties: int },
  },
  ['from', 'to', 'items', 'perOwner'],
) as Schema & { properties: Record<string, unknown> };

export const FIXED_RESPONSES: Record<string, Schema> = {
  ...REPORT_RESPONSES,
  'post /api/v1/auth/login': userBox,
  'get /api/v1/me': me,
  'patch /api/v1/me': userBox,
  'get /api/v1/setup': obj({ needed: bool }, ['needed']),
  'get /api/v1/views': items(ref('View')),
  'post /api/v1/views': ref('View'),
  'get /api/v1/views/{key}': ref('View'),
  'patch /api/v1/views/{key}': ref('View'),
  'get /api/v1/views/{key}/records': items(ref('AnyRecord'), { nextCursor: strOrNull, total: int }),
  'get /api/v1/views/{key}/groups': obj({ groups: { type: 'array', items: ref('Group') } }, [
    'groups',
  ]),
  'get /api/v1/records/{entity}/groups': obj({ groups: { type: 'array', items: ref('Group') } }, [
    'groups',
  ]),
  'post /api/v1/records/{entity}/handover': obj({ handovers: { type: 'array', items: handover } }, [
    'handovers',
  ]),
  'get /api/v1/handovers': items(handover),
  'post /api/v1/handovers/{id}/consent': obj({ url: str, expiresAt: int }, ['url', 'expiresAt']),
  'post /api/v1/handovers/{id}/accept': obj({ handover }, ['handover']),
  'post /api/v1/handovers/{id}/decline': obj({ handover }, ['handover']),
  'get /api/v1/records/{entity}/{id}/ownership': items(ownershipChange),
  'get /api/v1/pool/{entity}': obj(
    {
      items: { type: 'array', items: anyObj },
      fields: { type: 'array', items: str },
      nextCursor: strOrNull,
      total: int,
    },
    ['items', 'fields', 'nextCursor'],
  ),
  'post /api/v1/records/{entity}/{id}/claim': anyObj,
  'post /api/v1/records/{entity}/{id}/release': anyObj,
  'post /api/v1/users/{id}/leave/preview': leavePlan,
  'post /api/v1/users/{id}/leave': {
    ...leavePlan,
    properties: { ...leavePlan.properties, handovers: int },
  },
  'post /api/v1/records/{entity}/bulk': obj(
    { results: { type: 'array', items: ref('BulkResult') }, succeeded: int, failed: int },
    ['results', 'succeeded', 'failed'],
  ),
  'post /api/v1/setup': userBox,
  'get /api/v1/search': obj(
    {
      results: {
        type: 'array',
        items: obj({ entity: str, items: { type: 'array', items: ref('AnyRecord') } }, [
          'entity',
          'items',
        ]),
      },
    },
    ['results'],
  ),
  'get /api/v1/records/{entity}/deleted': recordItems,
  'get /api/v1/records/{entity}/export': items(ref('AnyRecord')),
  'get /api/v1/records/{entity}/{id}/history': items(change),
  'get /api/v1/records/{entity}/{id}/timeline': items(obj({ kind: str, at: int }, ['kind'])),
  'post /api/v1/records/{entity}/{id}/restore': ref('AnyRecord'),
  'get /api/v1/records/{entity}/{id}/activities': page(ref('Activity')),
  'post /api/v1/records/{entity}/{id}/activities': ref('Activity'),
  'get /api/v1/tasks': page(ref('Task')),
  'post /api/v1/tasks': ref('Task'),
  'patch /api/v1/tasks/{id}': ref('Task'),
  'get /api/v1/notifications': page(ref('Notification'), { unread: int }),
  'get /api/v1/events': {
    type: 'string',
    description: 'text/event-stream: `notification`, `record` and `ping` events',
  },
  'get /api/v1/automations': items(ref('Automation'), { pending: intOrNull }),
  'get /api/v1/automations/runs': page(ref('AutomationRun')),
  'get /api/v1/automations/deliveries': obj(
    {
      pending: int,
      delivered: int,
      dead: int,
      failures: {
        type: 'array',
        items: {
          allOf: [ref('DeliveryState'), obj({ host: str, createdAt: int }, ['host', 'createdAt'])],
        },
      },
    },
    ['pending', 'delivered', 'dead', 'failures'],
  ),
  // Nothing of a dry run is written, not even its run log; `runs` holds what would have happened.
  'post /api/v1/automations/{key}/test': obj(
    { ok: { const: true }, runs: { type: 'array', items: ref('AutomationRun') } },
    ['ok', 'runs'],
  ),
  'post /api/v1/automations/{key}/run': obj({ ok: { const: true }, eventId: str }, [
    'ok',
    'eventId',
  ]),
  'post /api/v1/files': ref('FileRef'),
  'get /api/v1/files/{id}': { type: 'string', format: 'binary' },
  'post /api/v1/imports/uploads': obj(
    {
      upload: obj({ id: str, name: str, size: int }, ['id', 'name', 'size']),
      preview: IMPORT_PREVIEW,
    },
    ['upload', 'preview'],
  ),
  'get /api/v1/imports/uploads/{id}/preview': IMPORT_PREVIEW,
  'post /api/v1/imports': IMPORT_JOB,
  'get /api/v1/imports': items(IMPORT_JOB),
  'get /api/v1/imports/{id}': IMPORT_JOB,
  'post /api/v1/imports/{id}/cancel': IMPORT_JOB,
  'get /api/v1/imports/{id}/rows': obj(
    {
      items: {
        type: 'array',
        items: obj(
          {
            row: int,
            outcome: { enum: ['created', 'updated', 'skipped', 'failed'] },
            recordId: strOrNull,
            errors: {
              type: 'array',
              items: obj({ column: strOrNull, field: strOrNull, code: str, message: str }),
            },
            cells: { type: 'array' },
          },
          ['row', 'outcome', 'errors', 'cells'],
        ),
      },
      next: intOrNull,
    },
    ['items', 'next'],
  ),
  'get /api/v1/imports/{id}/events': {
    type: 'string',
    description: '`progress` events with the job (JSON) after each committed batch, then one `end`',
  },
  'get /api/v1/imports/{id}/errors.csv': { type: 'string' },
  'get /api/v1/exports': page(ref('ExportLogEntry')),
  'get /api/v1/users': page(ref('User')),
  'post /api/v1/users': ref('User'),
  'patch /api/v1/users/{id}': ref('User'),
  'get /api/v1/teams': items(ref('Team')),
  'get /api/v1/tokens': items(ref('ApiToken')),
  'post /api/v1/tokens': { allOf: [ref('ApiToken'), obj({ token: str }, ['token'])] },
  'get /api/v1/spec': obj({ version: intOrNull, spec: { type: ['object', 'null'] } }, [
    'version',
    'spec',
  ]),
  'get /api/v1/spec/validators/{entity}.js': { type: 'string' },
  'get /api/v1/spec/draft': ref('SpecDraft'),
  'put /api/v1/spec/draft': obj(
    {
      draft: ref('SpecDraft'),
      valid: bool,
      errors: { type: 'array', items: ref('ValidationIssue') },
    },
    ['draft', 'valid', 'errors'],
  ),
  'post /api/v1/spec/draft/plan': obj({ ok: bool }, ['ok']),
  'post /api/v1/spec/publish': ref('PublishResult'),
  'get /api/v1/spec/versions': items(obj({ version: int, publishedAt: int }, ['version'])),
  'get /api/v1/spec/versions/{version}': ref('SpecVersion'),
  'post /api/v1/spec/versions/{version}/restore': ref('PublishResult'),
  'get /api/v1/templates': items(TEMPLATE_CARD),
  'get /api/v1/templates/{name}': obj(
    {
      ...TEMPLATE_CARD_PROPS,
      entities: named,
      pipelines: { type: 'array', items: obj({ key: str, entity: strOrNull, stages: named }) },
      automations: named,
      roles: named,
      forms: named,
      dashboards: named,
    },
    ['name', 'version', 'entities', 'pipelines', 'automations', 'roles'],
  ),
  'get /api/v1/templates/{name}/previews/{index}': { type: 'string', format: 'binary' },
  'post /api/v1/templates/{name}/plan': TEMPLATE_PLAN,
  'post /api/v1/templates/{name}/apply': obj(
    { version: int, unchanged: bool, plan: TEMPLATE_PLAN },
    ['version', 'unchanged', 'plan'],
  ),
  'get /api/v1/intake/sources': items(intakeSource),
  'get /api/v1/intake/sources/{kind}/{key}/log': items(
    obj(
      {
        id: {},
        status: str,
        httpStatus: intOrNull,
        reasons: { type: 'array' },
        recordId: strOrNull,
        ip: strOrNull,
        at: int,
      },
      ['status', 'at'],
    ),
  ),
  'put /api/v1/intake/webhooks/{key}/secret': obj(
    { source: str, auth: { enum: ['token', 'hmac'] }, header: str, secret: str },
    ['source', 'auth', 'header', 'secret'],
  ),
  'get /api/v1/public/forms/{form}': obj(
    {
      form: anyObj,
      entity: obj({ key: str, label: localeMap, fields: { type: 'array', items: anyObj } }, [
        'key',
        'fields',
      ]),
      honeypot: str,
    },
    ['form', 'entity'],
  ),
  'post /hooks/{source}': obj({ ok: bool, id: str, status: { enum: ['accepted', 'merged'] } }, [
    'ok',
  ]),
};

/** Media type of a 2xx answer that is not JSON. */
export const FIXED_MEDIA: Record<string, string> = {
  'get /api/v1/events': 'text/event-stream',
  'get /api/v1/imports/{id}/events': 'text/event-stream',
  'get /api/v1/imports/{id}/errors.csv': 'text/csv',
  'get /api/v1/files/{id}': 'application/octet-stream',
  'get /api/v1/spec/validators/{entity}.js': 'text/javascript',
  'get /api/v1/templates/{name}/previews/{index}': 'image/*',
};

/**
 * The 4xx answers an endpoint can give: 401 unless public, 403 when signed in but not allowed,
 * 404 for path parameters, 400/422 for bodies, 429 where rate limits apply.
 */
export function errorStatuses(
  method: string,
  path: string,
  isPublic: boolean,
  hasBody: boolean,
): number[] {
  const out = new Set<number>();
  // Login and webhooks are public yet answer 401 (bad password, bad token or signature).
  if (!isPublic || path.endsWith('/login') || path.startsWith('/hooks/')) out.add(401);
  if (!isPublic && !path.startsWith('/api/v1/me') && !path.startsWith('/api/v1/auth')) out.add(403);
  if (path.includes('{')) out.add(404);
  if (hasBody || method === 'post' || method === 'put' || method === 'patch') out.add(400).add(422);
  if (path.endsWith('/login') || path.startsWith('/hooks/')) out.add(429);
  if (path.startsWith('/hooks/') || path === '/api/v1/files') out.add(413);
  if (path.endsWith('/setup') && method === 'post') out.add(409);
  // Draft writes with If-Match: someone else saved the draft in between.
  if (path === '/api/v1/spec/draft' && method !== 'get') out.add(409);
  if (path === '/api/v1/spec/publish') out.add(409);
  // No draft yet: `no_draft` with `revision: 0` and the live version to start from.
  if (path === '/api/v1/spec/draft' && method === 'get') out.add(404);
  if (out.size === 0) out.add(400);
  return [...out].sort();
}
