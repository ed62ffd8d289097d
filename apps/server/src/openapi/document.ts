import type { AppSpec } from '@trellis/spec';
import { localize } from '@trellis/spec';
import { entityPaths } from './entity-paths';
import { entitySchemas } from './entity-schemas';
import { fixedPaths } from './fixed-paths';
import { FIXED_COMPONENTS } from './components';

type Schema = Record<string, unknown>;
const problem = {
  description: 'Problem details (RFC 9457)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

/**
 * The OpenAPI 3.1 document of this installation, built from the live spec for one reader:
 * fields hidden from them are not in it.
 */
export function buildOpenApi(
  spec: AppSpec | null,
  opts: {
    hidden: (entity: string) => Set<string>;
    locale: 'zh-CN' | 'en';
    serverUrl?: string;
    /** The largest `limit` a list accepts (ServerLimits.maxPageSize). */
    maxPageSize?: number;
  },
): Schema {
  const maxPageSize = opts.maxPageSize ?? 200;
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
    paths: {
      ...fixedPaths(problem, maxPageSize),
      ...(spec ? entityPaths(spec, { locale: opts.locale, problem, maxPageSize }) : {}),
    },
  };
}
