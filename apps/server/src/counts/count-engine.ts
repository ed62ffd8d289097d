import type { Engine } from '@trellis/engine';
import type { CountRead } from './calls';

type Run = (method: CountRead, args: unknown[]) => Promise<unknown>;

/**
 * The engine as the HTTP thread of `trellis start` on SQLite uses it: the reads that count over
 * many records — counts and sums per group, dashboards, widgets, a list that also counts its
 * matches — go to the count thread through `run`; everything else stays as it was. A read inside
 * a transaction stays here (the thread cannot see it).
 */
export function withCountThread(engine: Engine, run: Run): Engine {
  type R = Engine['records'];
  type P = Engine['reports'];
  const records: R = {
    ...engine.records,
    groups: (...args) =>
      args[2].tx
        ? engine.records.groups(...args)
        : (run('records.groups', args) as ReturnType<R['groups']>),
    list: (...args) =>
      args[1].count && !args[2].tx
        ? (run('records.list', args) as ReturnType<R['list']>)
        : engine.records.list(...args),
  };
  const reports: P = {
    ...engine.reports,
    dashboard: (...args) => run('reports.dashboard', args) as ReturnType<P['dashboard']>,
    widget: (...args) => run('reports.widget', args) as ReturnType<P['widget']>,
  };
  return { ...engine, records, reports };
}

/** Runs a count read on `engine` itself (the HTTP thread's, when the thread cannot). */
export function localCountRead(engine: Engine): Run {
  return (method, args) => {
    const [group, name] = method.split('.') as ['records' | 'reports', string];
    const owner = engine[group] as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    return owner[name]!.apply(owner, args);
  };
}
