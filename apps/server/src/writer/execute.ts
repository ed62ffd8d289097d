import type { AutomationsApi, Engine } from '@trellis/engine';
import { WRITE_METHODS, type SettledRead, type Store } from '@trellis/store';
import { changeUser, type UserChange } from '../auth/change-user';
import { publishSpec, type SpecPublish } from '../auth/publish-keeping-managers';
import { runImport } from '../imports/run-job';
import { writeIntake, type IntakeInput } from '../intake/submit';
import { applyTemplate, type ApplyOptions, type TemplateSource } from '../templates/install';
import { AUTOMATION_WRITES, ENGINE_WRITES, type WriteCall } from './calls';

/** What the writer runs calls with: its engine, store and automations. */
export type WriterDeps = {
  engine: Engine;
  store: Store;
  automations: AutomationsApi;
  now(): number;
};

type Fn = (...args: unknown[]) => Promise<unknown>;

/** The method at `path` (`records.create`) of `root`, bound to its object. */
function methodAt(root: object, path: string): Fn {
  const parts = path.split('.');
  let owner: Record<string, unknown> = root as Record<string, unknown>;
  for (const p of parts.slice(0, -1)) owner = owner[p] as Record<string, unknown>;
  const fn = owner[parts[parts.length - 1] as string] as Fn;
  return fn.bind(owner);
}

const STORE_WRITES = new Set(
  Object.entries(WRITE_METHODS).flatMap(([repo, methods]) =>
    (methods as readonly string[]).map((m) => `${repo}.${m}`),
  ),
);
const ENGINE = new Set<string>(ENGINE_WRITES);
const AUTOMATIONS = new Set<string>(AUTOMATION_WRITES);

/**
 * Runs one forwarded write in the writer. Only the known write methods are reachable: the
 * calls come from this server's own HTTP thread, but a slip there must not turn into "call
 * anything".
 */
export function executeWrite(deps: WriterDeps, call: WriteCall): Promise<unknown> {
  const { target, method, args } = call;
  if (target === 'engine' && ENGINE.has(method)) return methodAt(deps.engine, method)(...args);
  if (target === 'store' && STORE_WRITES.has(method)) return methodAt(deps.store, method)(...args);
  // A reader's report read met records waiting for their settle (store: report-settle.ts).
  if (target === 'store' && method === 'maintenance.settleReports')
    return deps.store.maintenance.settleReports((args[0] ?? null) as SettledRead | null);
  if (target === 'automations' && AUTOMATIONS.has(method))
    return methodAt(deps.automations, method)(...args);
  if (target === 'server' && method === 'intake.submit')
    return writeIntake(deps, args[0] as IntakeInput);
  if (target === 'server' && method === 'template.apply')
    return applyTemplate(deps.store, args[0] as TemplateSource, args[1] as ApplyOptions);
  if (target === 'server' && method === 'user.change')
    return changeUser(deps.store, String(args[0]), args[1] as UserChange, Number(args[2]));
  if (target === 'server' && method === 'spec.publish')
    return publishSpec(deps.store, args[0] as SpecPublish);
  // Started here and answered at once: the job reports its progress in the store.
  if (target === 'server' && method === 'import.start') {
    void runImport(deps.engine, String(args[0]), (e) => console.error(JSON.stringify(e)));
    return Promise.resolve(null);
  }
  return Promise.reject(new Error(`not a write the writer runs: ${target}.${method}`));
}
