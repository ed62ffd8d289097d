import type { Hono } from 'hono';
import type { ServerContext } from '../context';
import { requestOrigin } from '../http/csrf';
import { localeOf } from '../http/problem';
import { buildOpenApi } from '../openapi/document';
import type { AppEnv } from '../types';

/**
 * `GET /api/v1/openapi.json`: built from the live spec for the caller. A signed-in caller sees
 * the fields their role may see; an anonymous one sees no field hidden from any role.
 */
export function registerOpenApiRoute(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/api/v1/openapi.json', async (c) => {
    const spec = await ctx.spec();
    const actor = c.get('actor');
    const hidden = (entity: string): Set<string> => {
      if (actor) return new Set(ctx.engine.permissions.hiddenFields(actor, entity));
      const all = new Set<string>();
      for (const role of spec?.roles ?? []) {
        for (const [field, access] of Object.entries(role.fields?.[entity] ?? {}))
          if (access === 'hidden') all.add(field);
      }
      return all;
    };
    return c.json(
      buildOpenApi(spec, {
        hidden,
        locale: localeOf(c),
        maxPageSize: ctx.limits.maxPageSize,
        serverUrl: requestOrigin(c, ctx.options.trustProxy ?? false),
      }),
    );
  });
}
