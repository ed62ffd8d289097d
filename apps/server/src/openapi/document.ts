import type { AppSpec } from '@trellis/spec';
import { localize } from '@trellis/spec';
import { entitySchemas, schemaName } from './entity-schemas';
import { fixedPaths } from './fixed-paths';
import { FIXED_COMPONENTS } from './fixed-responses';

type Schema = Record<string, unknown>;
const problem = {
  description: 'Problem details (RFC 9457)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};
const json = (schema: Schema, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function entityPaths(spec: AppSpec, locale: 'zh-CN' | 'en'): Record<string, Schema> {
  const paths: Record<string, Schema> = {};
  for (const entity of spec.entities) {
    const name = schemaName(entity.key);
    const tag = localize(entity.label, locale);
    const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
    paths[`/api/v1/records/${entity.key}`] = {
      get: {
        tags: [tag],
        summary: `List ${entity.key}`,
        parameters: [
          {
            name: 'filter',
            in: 'query',
            schema: { type: 'string' },
            description: 'JSONLogic condition as JSON, e.g. {"==":[{"var":"stage"},"new"]}',
          },
          {
            name: 'sort',
            in: 'query',
            schema: { type: 'string' },
            description: 'Comma-separated fields, "-" for descending, e.g. -createdAt',
          },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } },
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
          { name: 'q', in: 'query', schema: { type: 'string' }, description: 'Full-text search' },
        ],
        responses: { 200: json(ref(`${name}List`)), 400: problem, 401: problem, 404: problem },
      },
      post: {
        tags: [tag],
        summary: `Create ${entity.key}`,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: ref(`${name}Input`) } },
        },
        responses: {
          201: json(ref(name), 'Created'),
          401: problem,
          403: problem,
          409: problem,
          422: problem,
        },
      },
    };
    paths[`/api/v1/records/${entity.key}/{id}`] = {
      parameters: [id],
      get: { tags: [tag], responses: { 200: json(ref(name)), 401: problem, 404: problem } },
      patch: {
        tags: [tag],
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
        responses: { 200: json(ref(name)), 404: problem, 409: problem, 422: problem },
      },
      delete: {
        tags: [tag],
        parameters: [{ name: 'version', in: 'query', schema: { type: 'integer' } }],
        responses: { 204: { description: 'Deleted (restorable)' }, 404: problem, 409: problem },
      },
    };
    paths[`/api/v1/records/${entity.key}/{id}/stage`] = {
      parameters: [id],
      post: {
        tags: [tag],
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  stage: { type: 'string' },
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
        responses: { 200: json(ref(name)), 404: problem, 422: problem },
      },
    };
  }
  for (const form of (spec.forms ?? []).filter((f) => f.public)) {
    const keys = form.sections.flatMap((s) =>
      s.fields.map((p) => (typeof p === 'string' ? p : p.field)),
    );
    paths[`/f/${form.slug ?? form.key}`] = {
      post: {
        tags: ['Public intake'],
        summary: localize(form.label, locale),
        security: [],
        parameters: [
          { name: 'Idempotency-Key', in: 'header', schema: { type: 'string', maxLength: 200 } },
        ],
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  ...Object.fromEntries(
                    keys.map((k) => [
                      k,
                      {
                        $ref: `#/components/schemas/${schemaName(form.entity)}Input/properties/${k}`,
                      },
                    ]),
                  ),
                  utm_source: { type: 'string' },
                  utm_medium: { type: 'string' },
                  utm_campaign: { type: 'string' },
                  utm_content: { type: 'string' },
                  utm_term: { type: 'string' },
                  referrer: { type: 'string' },
                  landing_url: { type: 'string' },
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
          413: problem,
          422: problem,
          429: problem,
        },
      },
    };
  }
  return paths;
}

/**
 * The OpenAPI 3.1 document of this installation, built from the live spec for one reader:
 * fields hidden from them are not in it.
 */
export function buildOpenApi(
  spec: AppSpec | null,
  opts: { hidden: (entity: string) => Set<string>; locale: 'zh-CN' | 'en'; serverUrl?: string },
): Schema {
  return {
    openapi: '3.1.0',
    info: {
      title: spec ? `${localize(spec.name, opts.locale)} — Trellis API` : 'Trellis API',
      version: '1',
    },
    ...(opts.serverUrl ? { servers: [{ url: opts.serverUrl }] } : {}),
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'trellis_session' },
        token: { type: 'http', scheme: 'bearer' },
      },
      schemas: {
        Problem: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            code: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  path: { type: 'string' },
                  code: { type: 'string' },
                  message: { type: 'string' },
                },
                required: ['path', 'code', 'message'],
              },
            },
          },
          required: ['type', 'title', 'status', 'code', 'errors'],
        },
        ...FIXED_COMPONENTS,
        ...(spec ? entitySchemas(spec, opts.hidden, opts.locale) : {}),
      },
    },
    security: [{ session: [] }, { token: [] }],
    paths: { ...fixedPaths(problem), ...(spec ? entityPaths(spec, opts.locale) : {}) },
  };
}
