import { MIN_PASSWORD_LENGTH } from '../auth/password-policy';

type Schema = Record<string, unknown>;

const str = { type: 'string' };
const strOrNull = { type: ['string', 'null'] };
const obj = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
});
const choice = { enum: ['ours', 'theirs'] };
/** The builder's answer to a template merge: per conflict path, or one for all. */
const TEMPLATE_CHOICES = obj({
  choices: {
    type: 'object',
    additionalProperties: choice,
    description: 'Per conflict path: ours keeps the workspace value, theirs takes the template',
  },
  chooseAll: choice,
});

/** Request bodies of the fixed endpoints that take one. */
export const BODIES: Record<string, Schema> = {
  'post /api/v1/auth/login': obj({ login: str, password: { type: 'string', format: 'password' } }, [
    'login',
    'password',
  ]),
  'post /api/v1/me/password': obj(
    { current: str, password: { type: 'string', minLength: MIN_PASSWORD_LENGTH } },
    ['current', 'password'],
  ),
  'patch /api/v1/me': obj({ name: str, locale: { enum: ['zh-CN', 'en'] } }),
  'post /api/v1/setup': obj(
    { login: str, password: { type: 'string', minLength: MIN_PASSWORD_LENGTH }, name: str },
    ['login', 'password'],
  ),
  'post /api/v1/users': obj(
    {
      login: str,
      password: { type: 'string', minLength: MIN_PASSWORD_LENGTH },
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
  'post /api/v1/users/{id}/leave/preview': obj(
    {
      to: { type: 'array', items: str },
      reason: str,
      note: {
        type: 'object',
        description:
          'The note the run will send; refused (422) when an entity of the plan needs more',
      },
    },
    ['to'],
  ),
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
  'post /api/v1/templates/{name}/plan': TEMPLATE_CHOICES,
  'post /api/v1/templates/{name}/apply': obj({
    ...TEMPLATE_CHOICES.properties,
    resolutions: { type: 'object', description: "Choices for the migration's blocking warnings" },
  }),
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
    {
      widget: { type: 'object', description: 'A widget as the spec writes it (docs/reports.md)' },
      dashboard: obj({ key: str, roles: { type: 'array', items: str } }),
    },
    ['widget'],
  ),
  'post /api/v1/automations/{key}/run': obj({ recordIds: { type: 'array', items: str } }, [
    'recordIds',
  ]),
  'put /api/v1/intake/webhooks/{key}/secret': obj({ secret: { type: 'string', minLength: 16 } }),
};
