import type { Hono } from 'hono';
import { buildEntitySchema, standaloneValidatorModule, type SpecModel } from '@trellis/rules';
import type { AppSpec } from '@trellis/spec';
import type { ServerContext } from '../context';
import { requireActor } from '../http/auth-middleware';
import { HttpProblem } from '../http/problem';
import type { AppEnv } from '../types';

const bySpec = new WeakMap<AppSpec, Map<string, string>>();

/** The ES module source of an entity's precompiled validator, built once per spec object. */
function validatorSource(spec: AppSpec, entity: string): string | null {
  let sources = bySpec.get(spec);
  if (!sources) bySpec.set(spec, (sources = new Map()));
  const cached = sources.get(entity);
  if (cached !== undefined) return cached;
  const found = spec.entities.find((e) => e.key === entity);
  if (!found) return null;
  const source = standaloneValidatorModule(buildEntitySchema(found));
  sources.set(entity, source);
  return source;
}

/**
 * `GET /api/v1/spec/validators/:entity.js`: an entity's record validator of the live spec,
 * compiled ahead of time (ajv standalone) as an ES module. The web app's forms load it because
 * the app's content security policy forbids evaluating code, which ajv's compiler needs.
 * Immutable when asked with `?v=<live version>`.
 */
export function registerSpecValidatorRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/api/v1/spec/validators/:file', async (c) => {
    requireActor(c);
    const entity = c.req.param('file').replace(/\.js$/, '');
    let model: SpecModel | null = null;
    try {
      model = await ctx.engine.spec();
    } catch {
      model = null; // nothing published yet
    }
    const source = model ? validatorSource(model.spec, entity) : null;
    if (source === null)
      throw new HttpProblem(404, 'not_found', { path: c.req.path.slice(0, 100) });
    return c.body(source, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control':
        model?.version != null && c.req.query('v') === String(model.version)
          ? 'private, max-age=31536000, immutable'
          : 'private, no-cache',
    });
  });
}
