import { BODIES } from './fixed-bodies';
import { ENDPOINTS } from './fixed-endpoints';
import { fixedQueries } from './fixed-queries';
import { errorStatuses } from './error-statuses';
import { FIXED_MEDIA } from './fixed-media';
import { FIXED_RESPONSES } from './fixed-responses';
import { operationIdOf } from './operation-id';

type Schema = Record<string, unknown>;

/** Endpoints answering 200 instead of their 201 when nothing was created. */
const UNCHANGED_OK = new Set([
  'post /api/v1/spec/publish',
  'post /api/v1/spec/versions/{version}/restore',
  'post /api/v1/templates/{name}/apply',
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
