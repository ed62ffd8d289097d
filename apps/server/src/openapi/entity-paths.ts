import type { AppSpec } from '@trellis/spec';
import { localize } from '@trellis/spec';
import { fieldSchema, schemaName } from './entity-schemas';
import { recordListParams } from './fixed-queries';
import { idPart } from './operation-id';

type Schema = Record<string, unknown>;
type Locale = 'zh-CN' | 'en';

const WRITE_FORBIDDEN =
  'forbidden: the caller may read this record but their role does not let them do this to it';
const WRITE_NOT_FOUND =
  'not_found: no such record, or one the caller may not read (its existence does not leak)';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

/** Operations on the records of each entity and the public intake forms of the live spec. */
export function entityPaths(
  spec: AppSpec,
  opts: { locale: Locale; problem: Schema; maxPageSize: number },
): Record<string, Schema> {
  const paths: Record<string, Schema> = {};
  // Every entity operation documents the same problem answers the fixed endpoints do.
  const errors = (...codes: number[]) =>
    Object.fromEntries([...codes.map((c) => [c, opts.problem]), ['default', opts.problem]]);
  // A write to one record tells "readable but not yours to change" from "not there for you".
  const writeErrors = (...codes: number[]) => ({
    ...errors(...codes),
    403: { ...opts.problem, description: WRITE_FORBIDDEN },
    404: { ...opts.problem, description: WRITE_NOT_FOUND },
  });
  const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
  for (const entity of spec.entities) {
    const name = schemaName(entity.key);
    const op = idPart(entity.key);
    const tag = localize(entity.label, opts.locale);
    paths[`/api/v1/records/${entity.key}`] = {
      get: {
        tags: [tag],
        operationId: `list${op}Records`,
        summary: `List ${entity.key} records in the caller's scope (paged)`,
        parameters: recordListParams(opts.maxPageSize),
        responses: { 200: json(ref(`${name}List`)), ...errors(400, 401, 403, 404) },
      },
      post: {
        tags: [tag],
        operationId: `create${op}Record`,
        summary: `Create a ${entity.key} record`,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: ref(`${name}Input`) } },
        },
        responses: {
          201: json(ref(name), 'Created'),
          ...errors(400, 401, 403, 404, 409, 422),
        },
      },
    };
    paths[`/api/v1/records/${entity.key}/{id}`] = {
      parameters: [id],
      get: {
        tags: [tag],
        operationId: `get${op}Record`,
        summary: `One ${entity.key} record`,
        responses: { 200: json(ref(name)), ...errors(400, 401, 403, 404) },
      },
      patch: {
        tags: [tag],
        operationId: `update${op}Record`,
        summary: `Change fields of a ${entity.key} record (send back its version)`,
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                allOf: [ref(`${name}Input`)],
                properties: { version: { type: 'integer' } },
                required: ['version'],
              },
            },
          },
        },
        responses: { 200: json(ref(name)), ...writeErrors(400, 401, 409, 422) },
      },
      delete: {
        tags: [tag],
        operationId: `delete${op}Record`,
        summary: `Delete a ${entity.key} record (restorable from the recycle bin)`,
        parameters: [{ name: 'version', in: 'query', schema: { type: 'integer' } }],
        responses: {
          204: { description: 'Deleted (restorable)' },
          ...writeErrors(400, 401, 409),
        },
      },
    };
    const pipeline = (spec.pipelines ?? []).find((p) => p.entity === entity.key);
    // Only an entity with a pipeline has stages to move between.
    if (pipeline)
      paths[`/api/v1/records/${entity.key}/{id}/stage`] = {
        parameters: [id],
        post: {
          tags: [tag],
          operationId: `move${op}RecordStage`,
          summary: `Move a ${entity.key} record to another stage of its pipeline`,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    stage: { enum: pipeline.stages.map((s) => s.key) },
                    version: { type: 'integer' },
                    reason: { type: 'string' },
                    values: {
                      $ref: `#/components/schemas/${name}Input`,
                      description: 'Fields written with the move (those the target stage requires)',
                    },
                  },
                  required: ['stage'],
                },
              },
            },
          },
          responses: { 200: json(ref(name)), ...writeErrors(400, 401, 409, 422) },
        },
      };
  }
  Object.assign(paths, formPaths(spec, opts.locale, errors));
  return paths;
}

/**
 * `POST /f/<slug>` of each public form. The body lists the form's own fields, inlined: a public
 * form shows them to anyone, and a reference into `<Entity>Input` would dangle where a role's
 * view of the document leaves a field out.
 */
function formPaths(
  spec: AppSpec,
  locale: Locale,
  errors: (...codes: number[]) => Record<string, unknown>,
): Record<string, Schema> {
  const paths: Record<string, Schema> = {};
  for (const form of (spec.forms ?? []).filter((f) => f.public)) {
    const entity = spec.entities.find((e) => e.key === form.entity);
    if (!entity) continue;
    const keys = form.sections
      .flatMap((s) => s.fields.map((p) => (typeof p === 'string' ? p : p.field)))
      .filter((k) => entity.fields.some((f) => f.key === k && f.type !== 'formula'));
    const slug = form.slug ?? form.key;
    paths[`/f/${slug}`] = {
      post: {
        tags: ['Public intake'],
        operationId: `submitForm${idPart(slug)}`,
        summary: localize(form.label, locale),
        security: [],
        parameters: [
          { name: 'Idempotency-Key', in: 'header', schema: { type: 'string', maxLength: 200 } },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  ...Object.fromEntries(keys.map((k) => [k, fieldSchema(entity, k, locale)])),
                  ...Object.fromEntries(
                    [
                      'utm_source',
                      'utm_medium',
                      'utm_campaign',
                      'utm_content',
                      'utm_term',
                      'referrer',
                      'landing_url',
                    ].map((k) => [k, { type: 'string' }]),
                  ),
                },
              },
            },
            'application/x-www-form-urlencoded': { schema: { type: 'object' } },
          },
        },
        responses: {
          201: json(
            {
              type: 'object',
              properties: { ok: { type: 'boolean' }, message: { type: 'string' } },
            },
            'Accepted',
          ),
          ...errors(400, 404, 413, 422, 429),
        },
      },
    };
  }
  return paths;
}
