import { Type } from '@sinclair/typebox';
import type { Static, TLiteral, TObject, TProperties } from '@sinclair/typebox';
import {
  CAMEL_KEY,
  keyedRecord,
  camelKey,
  closed,
  Duration,
  kebabKey,
  Logic,
  LocaleMap,
  optLabel,
  Recipient,
  stringEnum,
} from '../common';

function action<K extends string, P extends TProperties>(
  type: K,
  properties: P,
  description: string,
): TObject<{ type: TLiteral<K> } & P> {
  return closed(
    {
      type: Type.Literal(type, { description: `Action "${type}": ${description}` }),
      ...properties,
    },
    { description, title: type },
  );
}

const fieldValues = (description: string) =>
  keyedRecord(
    CAMEL_KEY,
    Logic('A literal value or a JSONLogic expression evaluated against the triggering record.'),
    description,
  );
const text = (description: string) =>
  Type.Union([LocaleMap, Type.String({ minLength: 1 })], {
    description: `${description} Plain text or a locale map; {{field}} and {{record.field}} are replaced by values.`,
  });

const AssignTarget = closed(
  {
    team: Type.Optional(kebabKey('Team whose members take turns.')),
    user: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'Login of one user.' }),
    ),
  },
  { description: 'Who receives the record: a team (members take turns) or one user.' },
);
const AssignRule = closed(
  {
    if: Logic('When this rule applies to the record.'),
    team: Type.Optional(kebabKey('Team whose members take turns.')),
    user: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'Login of one user.' }),
    ),
  },
  { description: 'An assignment rule; the first rule whose condition holds wins.' },
);

/** Config schema of each action type (`type` included). Reused by the engine's action modules. */
export const actionConfigSchemas = {
  setFields: action(
    'setFields',
    { values: fieldValues('Fields to set: {"field": literal or logic}.') },
    'sets field values on the record.',
  ),
  assign: action(
    'assign',
    {
      strategy: stringEnum(
        ['roundRobin', 'leastLoaded', 'rules', 'user'],
        'How the owner is chosen: "roundRobin" (turns), "leastLoaded" (fewest open records), "rules" (first matching rule), "user" (a fixed user).',
      ),
      team: Type.Optional(kebabKey('Team to pick from (roundRobin, leastLoaded).')),
      user: Type.Optional(
        Type.String({
          minLength: 1,
          maxLength: 64,
          description: 'Login of the user (strategy "user").',
        }),
      ),
      rules: Type.Optional(
        Type.Array(AssignRule, { minItems: 1, description: 'Ordered rules (strategy "rules").' }),
      ),
      fallback: Type.Optional(AssignTarget),
      weights: Type.Optional(
        keyedRecord(
          '^[A-Za-z0-9._@-]+$',
          Type.Number({ minimum: 0, description: 'Relative share of this user.' }),
          'Relative share per login, e.g. {"wang": 2, "li": 1}. Default 1 each.',
        ),
      ),
      caps: Type.Optional(
        keyedRecord(
          '^[A-Za-z0-9._@-]+$',
          Type.Integer({ minimum: 0, description: 'Most open records of this user.' }),
          'Most open records per login; a user at the cap is skipped.',
        ),
      ),
      skipInactive: Type.Optional(
        Type.Boolean({
          default: true,
          description: 'Skip users who are away or disabled. Default true.',
        }),
      ),
      roles: Type.Optional(
        Type.Array(kebabKey('A role key.'), {
          minItems: 1,
          uniqueItems: true,
          description:
            'Only team members with one of these roles take records, e.g. ["sales"] so the team\'s supervisor is not dealt leads. Default: every member.',
        }),
      ),
    },
    'gives the record an owner (and team).',
  ),
  createTask: action(
    'createTask',
    {
      title: text('Task title.'),
      assignee: Recipient('Who does the task.'),
      dueIn: Duration('Due this long after the action runs.'),
      description: Type.Optional(text('Task details.')),
      tag: Type.Optional(
        kebabKey(
          'What kind of task this is, e.g. "first-contact", so a completeTasks action can close it when the work is done. One open task per tag on a record: while one is open, the action gives it to the new assignee with the new due time (after a handover) instead of making a second.',
        ),
      ),
    },
    'creates a task on the record.',
  ),
  completeTasks: action(
    'completeTasks',
    {
      tag: kebabKey('Tag of the tasks to close (the `tag` their createTask action gave them).'),
    },
    'marks the open tasks about the record with this tag done, e.g. the "first contact" task once a call is logged.',
  ),
  notify: action(
    'notify',
    {
      channel: stringEnum(
        ['inApp', 'webhook', 'email'],
        'Where the message goes: "inApp" (notification), "webhook" (a chat robot or URL), "email".',
      ),
      to: Type.Optional(
        Type.Array(Recipient('A recipient.'), {
          minItems: 1,
          description: 'Recipients (inApp, email).',
        }),
      ),
      url: Type.Optional(
        Type.String({
          pattern: '^https?://',
          description: 'Robot or endpoint URL (webhook channel).',
        }),
      ),
      format: Type.Optional(
        stringEnum(
          ['wecom', 'dingtalk', 'json'],
          'Payload format of the webhook channel: "wecom" (企业微信 robot), "dingtalk" (钉钉 robot) or "json" (default).',
        ),
      ),
      secretRef: Type.Optional(
        Type.String({
          pattern: '^[a-z][a-z0-9-]*$',
          description:
            'DingTalk robot with signing (加签), format "dingtalk" only: name of a stored secret (the robot\'s SEC... key); every attempt gets fresh timestamp and sign URL parameters. Secrets never live in the spec.',
        }),
      ),
      subject: Type.Optional(text('E-mail subject.')),
      message: text('The message.'),
    },
    'sends a message.',
  ),
  digest: action(
    'digest',
    {
      dashboard: kebabKey('Key of the dashboard summarized.'),
      widgets: Type.Optional(
        Type.Array(camelKey('A widget key of that dashboard.'), {
          minItems: 1,
          description: 'The widgets summarized, in this order. Default: every widget.',
        }),
      ),
      period: Type.Optional(
        Type.String({
          pattern: '^[0-9]+[dwm]$',
          description:
            'The period summarized, ending today in the workspace time zone: "7d" (default), "2w", "1m".',
        }),
      ),
      channel: stringEnum(
        ['inApp', 'webhook', 'email'],
        'Where the summary goes: "inApp" (notification), "webhook" (a WeCom / DingTalk robot), "email".',
      ),
      to: Type.Array(Recipient('A recipient.'), {
        minItems: 1,
        description:
          'Recipients. Each gets the summary as they would see the dashboard (their records only); a robot posts one per recipient.',
      }),
      url: Type.Optional(
        Type.String({ pattern: '^https?://', description: 'Robot URL (webhook channel).' }),
      ),
      format: Type.Optional(
        stringEnum(
          ['wecom', 'dingtalk', 'json'],
          'Payload format of the webhook channel: "wecom", "dingtalk" or "json" (default).',
        ),
      ),
      secretRef: Type.Optional(
        Type.String({
          pattern: '^[a-z][a-z0-9-]*$',
          description: 'DingTalk robot with signing (加签): name of a stored secret.',
        }),
      ),
    },
    'sends a dashboard summary (e.g. every Monday 9:00, stale follow-ups by rep), computed as each recipient sees it.',
  ),
  moveStage: action(
    'moveStage',
    { stage: camelKey('Key of the target stage (stage gates still apply).') },
    'moves the record to another stage.',
  ),
  createRecord: action(
    'createRecord',
    {
      entity: camelKey('Key of the entity of the new record.'),
      values: fieldValues(
        'Values of the new record: {"field": literal or logic over the triggering record}.',
      ),
      linkField: Type.Optional(
        camelKey('Relation field of the new record that is set to the triggering record.'),
      ),
    },
    'creates a related record.',
  ),
  callWebhook: action(
    'callWebhook',
    {
      url: Type.String({ pattern: '^https?://', description: 'URL called.' }),
      method: Type.Optional(
        stringEnum(['POST', 'PUT', 'PATCH', 'GET'], 'HTTP method. Default "POST".'),
      ),
      headers: Type.Optional(
        keyedRecord(
          '^[A-Za-z0-9-]+$',
          Type.String({ description: 'Header value.' }),
          'Extra request headers.',
        ),
      ),
      body: Type.Optional(Logic('Request body; default is the record as JSON.')),
      secretRef: Type.Optional(
        Type.String({
          pattern: '^[a-z][a-z0-9-]*$',
          description:
            'Name of a stored secret used to sign the body (HMAC-SHA256 in x-trellis-signature). Secrets never live in the spec.',
        }),
      ),
      timeoutMs: Type.Optional(
        Type.Integer({
          minimum: 100,
          maximum: 30000,
          description: 'Timeout per attempt in ms. Default 5000.',
        }),
      ),
      retries: Type.Optional(
        Type.Integer({
          minimum: 0,
          maximum: 10,
          description: 'Retries with backoff after a failure. Default 3.',
        }),
      ),
    },
    'calls an outside system.',
  ),
  releaseToPool: action(
    'releaseToPool',
    { reason: optLabel('Why the record is released (shown in its history).') },
    'removes the owner and puts the record in the public pool.',
  ),
  claimFromPool: action(
    'claimFromPool',
    {
      user: Type.Optional(
        Type.String({
          minLength: 1,
          maxLength: 64,
          description: 'Login of the user who claims it. Default: the acting user.',
        }),
      ),
    },
    'gives a pool record an owner.',
  ),
  handover: action(
    'handover',
    { to: Recipient('Who takes over the record.'), reason: optLabel('Why it is handed over.') },
    'hands the record to someone else with a summary of its history.',
  ),
} as const;

export type ActionType = keyof typeof actionConfigSchemas;
export const ACTION_TYPES = Object.keys(actionConfigSchemas) as ActionType[];
export type ActionConfig<K extends ActionType> = Static<(typeof actionConfigSchemas)[K]>;
