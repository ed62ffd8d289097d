import { quoteIdent, tableName } from '../../entity/entity-table';
import { marks, type SqlExec } from '../../sql/exec';

/**
 * Open records per owner, counted from the entity table through its (owner_id, created_at,
 * stage, team_id, deleted_at) index (an index-only scan). SQLite keeps a counter table with
 * triggers instead; here concurrent transactions would all wait on the same counter rows.
 * `known`: entities whose table was found (per store).
 */
export async function pgOpenLoads(
  x: SqlExec,
  entity: string,
  closed: readonly string[],
  userIds: readonly string[],
  known: Set<string>,
): Promise<Record<string, number>> {
  if (userIds.length === 0) return {};
  // A table found once stays (an entity's table is dropped only with the entity, whose
  // assignment rules go with it): one round trip less per assignment.
  if (!known.has(entity)) {
    const exists = await x.get('SELECT to_regclass(?) AS t', [quoteIdent(tableName(entity))]);
    if (exists?.t == null) return {};
    known.add(entity);
  }
  const open = closed.length
    ? ` AND (stage IS NULL OR stage NOT IN (${marks(closed.length)}))`
    : '';
  const rows = await x.all<{ owner: string; n: number }>(
    `SELECT owner_id AS owner, count(*) AS n FROM ${quoteIdent(tableName(entity))}
     WHERE owner_id IN (${marks(userIds.length)}) AND deleted_at IS NULL${open} GROUP BY owner_id`,
    [...userIds, ...closed],
  );
  return Object.fromEntries(rows.map((r) => [r.owner, r.n]));
}
