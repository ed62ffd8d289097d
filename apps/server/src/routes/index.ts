import type { Hono } from 'hono';
import type { ServerContext } from '../context';
import type { AppEnv } from '../types';
import { registerAuthRoutes } from './auth';
import { registerBulkRoutes } from './bulk';
import { registerDashboardRoutes } from './dashboards';
import { registerAutomationRoutes } from './automations';
import { registerEventRoutes } from './events';
import { registerExportRoute } from './export';
import { registerFileRoutes } from './files';
import { registerFormRoutes } from './forms';
import { registerPublicFormPages } from '../public-form/routes';
import { registerHookRoutes } from './hooks';
import { registerImportRoutes } from './imports';
import { registerIntakeHealthRoutes } from './intake-health';
import { registerOpenApiRoute } from './openapi';
import { registerRecordExtraRoutes } from './record-extras';
import { registerRecordGroupRoutes } from './record-groups';
import { registerRecordRoutes } from './records';
import { registerSpecRoutes } from './spec';
import { registerSpecValidatorRoutes } from './spec-validators';
import { registerTaskRoutes } from './tasks';
import { registerUserRoutes } from './users';
import { registerViewRoutes } from './views';

/** Every route module, registered in one place. */
export function registerRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  registerAuthRoutes(app, ctx);
  registerExportRoute(app, ctx);
  registerRecordExtraRoutes(app, ctx);
  registerRecordGroupRoutes(app, ctx);
  registerBulkRoutes(app, ctx);
  registerRecordRoutes(app, ctx);
  registerTaskRoutes(app, ctx);
  registerPublicFormPages(app, ctx);
  registerFormRoutes(app, ctx);
  registerHookRoutes(app, ctx);
  registerIntakeHealthRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerViewRoutes(app, ctx);
  registerDashboardRoutes(app, ctx);
  registerOpenApiRoute(app, ctx);
  registerSpecRoutes(app, ctx);
  registerSpecValidatorRoutes(app, ctx);
  registerAutomationRoutes(app, ctx);
  registerEventRoutes(app, ctx);
  registerFileRoutes(app, ctx);
  registerImportRoutes(app, ctx);
}
