/**
 * Response bodies of the fixed endpoints (those that do not depend on the spec), by
 * `method path`. The component schemas they reference are in ./components.
 */
import { IMPORT_JOB, IMPORT_PREVIEW, IMPORT_VALUES } from './import-schemas';
import { handover, leavePlan, ownershipChange } from './ownership-schemas';
import { REPORT_RESPONSES } from './report-schemas';
import { TEMPLATE_CARD, TEMPLATE_CARD_PROPS, TEMPLATE_PLAN } from './template-schemas';
import {
  str,
  strOrNull,
  int,
  intOrNull,
  bool,
  anyObj,
  obj,
  ref,
  items,
  page,
  localeMap,
  named,
  type Schema,
} from './schema-kit';

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
  'post /api/v1/imports/uploads/{id}/values': IMPORT_VALUES,
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
