import { rawSql, sqlFragment, type SqlFragment, type StageMoveTest } from '@trellis/logic';
import type { EntityTableInfo } from '../../entity/entity-table';
import { quoteIdent } from '../../entity/entity-table';

const cache = new WeakMap<EntityTableInfo, (test: StageMoveTest) => SqlFragment>();

/**
 * The SQL of `enteredStage` / `leftStage` over an entity table's rows: an EXISTS over the row's
 * stage transitions (the (entity, record_id, at, to_stage, …) index) with the stage entered or
 * left at a time in [from, to). A period funnel's step opens exactly its records with it: a
 * record that entered the stage in the period, however often, has such a transition.
 */
export function stageMovesOf(info: EntityTableInfo): (test: StageMoveTest) => SqlFragment {
  const cached = cache.get(info);
  if (cached) return cached;
  const self = rawSql(`${quoteIdent(info.table)}.${info.columns.id!.column}`);
  const fn = ({ side, stage, from, to }: StageMoveTest): SqlFragment => {
    const column = rawSql(side === 'entered' ? 't.to_stage' : 't.from_stage');
    let f = sqlFragment`EXISTS (SELECT 1 FROM stage_transitions t WHERE t.entity = ${info.entity} AND t.record_id = ${self} AND ${column} = ${stage}`;
    if (from !== null) f = sqlFragment`${f} AND t.at >= ${from}`;
    if (to !== null) f = sqlFragment`${f} AND t.at < ${to}`;
    return sqlFragment`(${f}))`;
  };
  cache.set(info, fn);
  return fn;
}
