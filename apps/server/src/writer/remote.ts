import type { AutomationsApi, Engine } from '@trellis/engine';
import { routeWrites, type Store } from '@trellis/store';
import { AUTOMATION_WRITES, ENGINE_WRITES, type WriterPort } from './calls';

/**
 * The engine as the HTTP thread of `trellis start` uses it: reads on its own (read-only) store,
 * writes forwarded to the writer. A create is prepared here first (normalize, validate: no
 * database needed), so the writer only writes.
 */
export function remoteEngine(local: Engine, port: WriterPort): Engine {
  const forward =
    (method: string) =>
    (...args: unknown[]) =>
      port({ target: 'engine', method, args });
  const records = { ...local.records };
  const activities = { ...local.activities };
  const tasks = { ...local.tasks };
  const ownership = { ...local.ownership };
  const groups: Record<string, Record<string, unknown>> = { records, activities, tasks, ownership };
  for (const path of ENGINE_WRITES) {
    const [group, name] = path.split('.') as [string, string];
    (groups[group] as Record<string, unknown>)[name] = forward(path);
  }
  records.create = async (entity, values, opts) => {
    const ahead = await local.records.prepareCreate(entity, values, opts);
    const prepared = ahead.ok ? ahead.prepared : null;
    return port({
      target: 'engine',
      method: 'records.create',
      args: [entity, values, prepared ? { ...opts, prepared } : opts],
    }) as ReturnType<Engine['records']['create']>;
  };
  return { ...local, records, activities, tasks, ownership };
}

/**
 * The store of the HTTP thread: reads on a read-only connection, every repository write
 * forwarded to the writer. A publish there is seen here at once (the engine's spec cache is told).
 */
export function remoteStore(reader: Store, port: WriterPort): Store {
  const routed = routeWrites(
    reader,
    async (repo, method, args) => {
      const value = await port({ target: 'store', method: `${repo}.${method}`, args });
      if (repo === 'specs' && (method === 'publish' || method === 'restore'))
        reader.specs.markChanged();
      return value;
    },
    () => Promise.reject(new Error('record writes go through the engine')),
  );
  return Object.assign(routed, {
    dialect: reader.dialect,
    url: reader.url,
    locale: reader.locale,
    serialWrites: reader.serialWrites,
    inTransaction: false as const,
    transaction: () =>
      Promise.reject(new Error('transactions run in the writer: send a server command')),
    waiting: () => 0,
    transient: reader.transient,
    onCommit: reader.onCommit,
    maintenance: reader.maintenance,
    close: () => reader.close(),
  });
}

/** The automations of the HTTP thread: the run log and counts read here, writes in the writer. */
export function remoteAutomations(local: AutomationsApi, port: WriterPort): AutomationsApi {
  const out = { ...local } as Record<string, unknown>;
  for (const method of AUTOMATION_WRITES)
    out[method] = (...args: unknown[]) => port({ target: 'automations', method, args });
  return out as AutomationsApi;
}
