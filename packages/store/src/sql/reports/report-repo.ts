import type { SqlDialectName } from '@trellis/logic';
import type { FlowQuery, ReportRepo, ReportScope } from '../../api/reports';
import { entityTable, type ColumnInfo, type EntityTableInfo } from '../../entity/entity-table';
import { fail, type StoreLocale, type StoreResult } from '../../messages';
import type { AppShape } from '../../spec-shape';
import type { SqlExec } from '../exec';
import { aggregate } from './aggregate';
import { groupCondition } from './cohort';
import { cohortAggregate, cohortReach } from './cohort-read';
import { dwell, entries, merges, reach } from './flow';
import { intake } from './intake';
import { reportWhere, type Where } from './scope';
import { sharedReads } from './shared-reads';
import { touchAggregate } from './touch-read';
import { unlessUnsettled } from './unsettled';
import { wideRead } from './wide-range';

/** report_owner_entries' columns of the record fields it is kept by. */
const OWNER_COLUMNS = { ownerId: 'owner_id', teamId: 'team_id' };

const tablesBySpec = new WeakMap<AppShape, Map<string, EntityTableInfo>>();
function tableOf(spec: AppShape, entity: string): EntityTableInfo | undefined {
  let t = tablesBySpec.get(spec);
  if (!t) tablesBySpec.set(spec, (t = new Map(spec.entities.map((e) => [e.key, entityTable(e)]))));
  return t.get(entity);
}

/**
 * The reporting repository of one scope, shared by both adapters: dialect-neutral SQL over the
 * entity tables and stage_transitions; cohort funnels and leaderboards read the maintained
 * report_cohorts where they can (docs/reports.md).
 */
export function reportRepo(
  x: SqlExec,
  spec: AppShape,
  dialect: SqlDialectName,
  locale: StoreLocale,
): ReportRepo {
  type Ready = { info: EntityTableInfo; where: Where | null; by: ColumnInfo | null };
  // The group reads of one repository (a widget's) asked side by side share their answers.
  const groups = sharedReads(x);
  const related = (e: string) => tableOf(spec, e);
  const prepare = (entity: string, q: ReportScope, byField?: string): StoreResult<Ready> => {
    const info = tableOf(spec, entity);
    if (!info) return fail('unknown_entity', '', { entity }, locale);
    const where = reportWhere(info, q, dialect, locale, related);
    if (where && 'ok' in where) return where;
    let by: ColumnInfo | null = null;
    if (byField !== undefined) {
      by = info.columns[byField] ?? null;
      if (!by) return fail('unknown_field', '/by', { entity, field: byField }, locale);
    }
    return { ok: true, value: { info, where, by } };
  };
  const flow = async <T>(
    entity: string,
    q: FlowQuery,
    run: (p: Ready & { at?: FlowQuery['at']; dialect: SqlDialectName }) => Promise<T>,
  ): Promise<StoreResult<T>> => {
    const ready = prepare(entity, q, q.by);
    if (!ready.ok) return ready;
    return { ok: true, value: await run({ ...ready.value, at: q.at, dialect }) };
  };
  return {
    async aggregate(entity, q) {
      const ready = prepare(entity, q);
      if (!ready.ok) return ready;
      const scan = async (s: typeof q) => {
        const again = prepare(entity, s);
        if (!again.ok) return again;
        const { info, where } = again.value;
        // SQLite reads the table (or an index holding every column read) unless its index plan
        // reads few records (wide-range.ts).
        const table =
          dialect === 'sqlite'
            ? (sqlWith: (clause: string) => string, params: readonly unknown[]) =>
                wideRead(x, info, s.filter, sqlWith, params)
            : undefined;
        return aggregate(x, info, where, s, dialect, locale, related, table);
      };
      const info = ready.value.info;
      // Attribution by first touch reads its own groups (touch-read.ts), the rest report_cohorts.
      // (SQLite: read from the records when the kept rows are unsettled here: unsettled.ts.)
      const fast =
        (await unlessUnsettled(() => touchAggregate(x, info, q, dialect, locale))) ??
        (await unlessUnsettled(() => cohortAggregate(groups, info, q, dialect, locale)));
      return fast ?? scan(q);
    },
    entries: (entity, q) =>
      flow(entity, q, (p) => {
        // PostgreSQL keeps stage entries per owner and team (owner-entries.ts).
        const owners =
          dialect === 'postgres' && q.by === undefined
            ? groupCondition(p.info, [q.scope, q.filter], q, OWNER_COLUMNS, 'o', dialect, locale)
            : null;
        return entries(x, { ...p, owners: owners || null });
      }),
    dwell: (entity, q) => flow(entity, q, (p) => dwell(x, p)),
    async reach(entity, q) {
      const ready = prepare(entity, q, q.by);
      if (!ready.ok) return ready;
      const fast = await unlessUnsettled(() =>
        cohortReach(groups, ready.value.info, q, dialect, locale),
      );
      return fast ?? flow(entity, q, (p) => reach(x, p, q.ranks, q.mark));
    },
    merges: (entity, q) => flow(entity, q, (p) => merges(x, p)),
    intake: (at) => intake(x, at, dialect),
  };
}
