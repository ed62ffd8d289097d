import type { Hono } from 'hono';
import type { ServerContext } from '../context';
import type { AppEnv } from '../types';
import { registerAuthRoutes } from './auth';
import { registerFormRoutes } from './forms';
import { registerHookRoutes } from './hooks';
import { registerIntakeHealthRoutes } from './intake-health';
import { registerOpenApiRoute } from './openapi';
import { registerRecordRoutes } from './records';
import { registerUserRoutes } from './users';

/** Every route module, registered in one place. */
export function registerRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  registerAuthRoutes(app, ctx);
  registerRecordRoutes(app, ctx);
  registerFormRoutes(app, ctx);
  registerHookRoutes(app, ctx);
  registerIntakeHealthRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerOpenApiRoute(app, ctx);
}
