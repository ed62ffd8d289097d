import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import {
  CAMEL_KEY,
  keyedRecord,
  camelKey,
  closed,
  Duration,
  IntakeMode,
  kebabKey,
  label,
  optLabel,
  stringEnum,
  tagged,
} from './common';

const header = (d: string) =>
  Type.String({ pattern: '^[A-Za-z0-9-]+$', maxLength: 64, description: d });

export const WebhookAuthSchema = tagged(
  [
    closed(
      {
        type: Type.Literal('token', { description: 'A shared token sent in a header.' }),
        header: header('Header carrying the token, e.g. "x-trellis-token".'),
      },
      {
        description:
          'A shared token sent in a header (the token itself is set with the CLI/API, never in the spec).',
      },
    ),
    closed(
      {
        type: Type.Literal('hmac', { description: 'An HMAC signature of the body.' }),
        header: header('Header carrying the hex signature, e.g. "x-signature".'),
        algorithm: Type.Optional(
          stringEnum(['sha256', 'sha1'], 'Hash of the HMAC. Default "sha256".'),
        ),
      },
      {
        description:
          'An HMAC signature of the raw body (the secret is set with the CLI/API, never in the spec).',
      },
    ),
  ],
  'type',
  'How senders prove who they are.',
);
export type WebhookAuthSpec = Static<typeof WebhookAuthSchema>;

export const WebhookSourceSchema = closed(
  {
    key: kebabKey('Source key, unique in the spec; the endpoint is POST /hooks/<key>.'),
    label: label('Source name (e.g. 抖音 lead ads).'),
    description: optLabel('Where the data comes from.'),
    entity: camelKey('Key of the entity created or merged.'),
    auth: WebhookAuthSchema,
    mapping: keyedRecord(
      CAMEL_KEY,
      Type.String({
        pattern: '^\\$(\\.[A-Za-z0-9_-]+|\\[[0-9]+\\])*$',
        description: 'A JSONPath into the payload, e.g. "$.lead.tel".',
      }),
      'Field key -> JSONPath into the payload, e.g. {"name": "$.lead.name", "phone": "$.lead.tel"}.',
    ),
    defaults: Type.Optional(
      keyedRecord(
        CAMEL_KEY,
        Type.Unknown({ description: 'Value of the field, as a record holds it.' }),
        'Field values set on every delivery, e.g. {"source": "douyin"}.',
      ),
    ),
    mode: Type.Optional(IntakeMode('What a delivery does when it matches an existing record.')),
    alertAfter: Type.Optional(
      Duration(
        'Tell the people who manage intake when no lead has arrived through this source for this long (a campaign whose leads silently stop must not go unnoticed for days). Off when absent.',
      ),
    ),
  },
  {
    description:
      'An inbound webhook that turns outside payloads (ad platforms, mini programs) into records.',
  },
);
export type WebhookSourceSpec = Static<typeof WebhookSourceSchema>;
