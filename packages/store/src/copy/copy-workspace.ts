import type { Store, Tx } from '../api/store';
import { entityTable } from '../entity/entity-table';
import { issue, type StoreIssue, type StoreLocale } from '../messages';
import type { MigrationPlan } from '../migration/types';
import type { AppShape } from '../spec-shape';
import { tableChecksum, type TableChecksum } from './checksum';

export type CopyProgress = {
  phase: 'copy' | 'verify';
  table: string;
  done: number;
  total: number;
};
export type CopiedTable = { table: string; rows: number; checksum: string };
export type CopyReport = {
  tables: CopiedTable[];
  /** Source tables the target has no table for (an entity archived under another name), with their rows. */
  skipped: { table: string; rows: number }[];
  ms: number;
};
export type CopyResult = { ok: true; value: CopyReport } | { ok: false; error: StoreIssue };

export type CopyOptions = {
  /** Empty the target's tables first instead of refusing a target that holds data. */
  replace?: boolean;
  onProgress?: (p: CopyProgress) => void;
  /** Rows per read and write. */
  batch?: number;
  locale?: StoreLocale;
};

/** Tables of the target that hold rows. */
async function nonEmpty(store: Store): Promise<string[]> {
  const out: string[] = [];
  for (const t of await store.tables.names()) if ((await store.tables.count(t)) > 0) out.push(t);
  return out;
}

/** A plan that only rebuilds every entity's search rows (the search index is per dialect: never copied). */
function rebuildSearchPlan(spec: AppShape): MigrationPlan {
  return {
    from: spec,
    to: spec,
    steps: spec.entities.map((e) => ({ kind: 'rebuildSearch' as const, entity: e.key })),
    warnings: [],
    blocking: [],
  };
}

/** Reads a whole table in pages and feeds each page to `fn`. */
async function pages(
  repos: Pick<Store, 'tables'> | Tx,
  table: string,
  batch: number,
  fn: (rows: Record<string, unknown>[], done: number) => Promise<void> | void,
): Promise<void> {
  for (let offset = 0; ; offset += batch) {
    const rows = await repos.tables.rows(table, { limit: batch, offset });
    if (rows.length === 0) return;
    await fn(rows, offset + rows.length);
    if (rows.length < batch) return;
  }
}

class CopyFailed extends Error {
  constructor(readonly issue: StoreIssue) {
    super(issue.message);
  }
}

/**
 * Copies a workspace from one store to another (`trellis migrate-data`, SQLite to PostgreSQL):
 * every system table and entity table row by row, the entity tables of the live spec created
 * first, each entity's search rebuilt in the target's own index. All of it in one transaction of
 * the target, verified before it commits (row counts and an order-independent checksum per
 * table, read back through the target): a failed or differing copy leaves the target as it was.
 * Refuses a target that holds data unless `replace`. Stop the servers on `from` while it runs.
 */
export async function copyWorkspace(
  from: Store,
  to: Store,
  opts: CopyOptions = {},
): Promise<CopyResult> {
  const t0 = performance.now();
  const locale = opts.locale ?? to.locale;
  const batch = opts.batch ?? 2000;
  const progress = opts.onProgress ?? (() => undefined);
  const occupied = await nonEmpty(to);
  if (occupied.length > 0 && !opts.replace)
    return {
      ok: false,
      error: issue('target_not_empty', '', { tables: occupied.join(', ') }, locale),
    };
  const live = await from.specs.live();
  const names = await from.tables.names();
  try {
    const value = await to.transaction(async (tx) => {
      for (const t of occupied) await tx.tables.clear(t);
      if (live) await tx.migrations.syncEntityTables(live.spec);
      const target = await tx.tables.names();
      const tables: CopiedTable[] = [];
      const skipped: CopyReport['skipped'] = [];
      const sums = new Map<string, { columns: string[]; sum: TableChecksum }>();
      const search = (live?.spec.entities ?? []).map((e) => `${entityTable(e).table}_search`);
      // Search state is per dialect (SQLite's pending queue, PostgreSQL's gram table): rebuilt below.
      // The report groups are written by the target's triggers as the records and transitions arrive.
      const derived = [
        'report_rows',
        'report_cohorts',
        'report_cohort_months',
        'report_group_pending',
        'report_dwell',
        'report_entries',
        'report_owner_entries',
        'report_first_owner',
        'report_first_touch',
        'report_touch_rows',
        'report_touch_months',
        'report_touch_pending',
        'report_dirty',
        'report_settled',
      ];
      const copied = names.filter(
        (t) => !search.some((s) => t.startsWith(s)) && !derived.includes(t),
      );
      for (const table of copied)
        if (!target.includes(table)) skipped.push({ table, rows: await from.tables.count(table) });
      // In the target's order: tables that foreign keys refer to first.
      for (const table of target.filter((t) => copied.includes(t))) {
        const total = await from.tables.count(table);
        const s = { columns: [] as string[], sum: tableChecksum([]) };
        await pages(from, table, batch, async (rows, done) => {
          if (done === rows.length) s.sum = tableChecksum((s.columns = Object.keys(rows[0]!)));
          s.sum.add(rows);
          await tx.tables.insert(table, rows);
          progress({ phase: 'copy', table, done, total });
        });
        sums.set(table, s);
        tables.push({ table, rows: s.sum.rows(), checksum: '' });
      }
      if (live) {
        const rebuilt = await tx.migrations.apply(rebuildSearchPlan(live.spec), {}, { locale });
        if (!rebuilt.ok) throw new CopyFailed(rebuilt.errors[0]!);
      }
      for (const copied of tables) {
        const s = sums.get(copied.table)!;
        const expected = s.sum.digest();
        const back = tableChecksum(s.columns);
        const total = await tx.tables.count(copied.table);
        await pages(tx, copied.table, batch, (rows, done) => {
          back.add(rows);
          progress({ phase: 'verify', table: copied.table, done, total });
        });
        const actual = back.digest();
        if (back.rows() !== copied.rows || actual !== expected)
          throw new CopyFailed(
            issue(
              'copy_mismatch',
              '',
              { table: copied.table, rows: copied.rows, copied: back.rows() },
              locale,
            ),
          );
        copied.checksum = actual;
      }
      return { tables, skipped, ms: Math.round(performance.now() - t0) };
    });
    return { ok: true, value };
  } catch (e) {
    if (e instanceof CopyFailed) return { ok: false, error: e.issue };
    throw e;
  }
}
