/**
 * PostgreSQL's report_owner_entries (migration 0018): report_entries per current owner and team
 * of a live record, so a scoped period funnel counts its whole days instead of looking up every
 * record's transitions (owner-entries.ts). A record counts there while it has a report_rows row
 * (it is live), under that row's owner and team: the transitions' function
 * (report_transition_change, postgres/report-triggers.ts) adds and removes single entries, and
 * the record function moves all of a record's entries when its row comes, goes, or changes owner
 * or team (postgres/report-moves.ts); these statements do it for a bulk write and a rebuild.
 */

/** An unowned record's entry lies in one of 16 rows (a hash of its id); an owner's in one. */
const shard = (owner: string, id: string) =>
  `CASE WHEN ${owner} = '' THEN hashtext(${id}) & 15 ELSE 0 END`;

const KEY = 'entity, day, owner_id, team_id, stage, prev_day, shard';

/** Per transition `t` of a record whose report_rows row is `r`: its group's key. */
const VALUES =
  `r.entity, t.at / 86400000, r.owner_id, r.team_id, t.to_stage,` +
  ` COALESCE(t.prev_entry_at / 86400000, -1), ${shard('r.owner_id', 't.record_id')}`;

const JOINED =
  'report_rows r JOIN stage_transitions t ON t.entity = r.entity AND t.record_id = r.record_id';

/**
 * Adds (sign 1) or takes out (-1) the entries of the records whose report_rows rows `where`
 * (over `r`) selects, under their rows' owner and team; taken out, emptied rows are deleted.
 */
export function ownerShiftSql(where: string, sign: 1 | -1): string[] {
  const add =
    `INSERT INTO report_owner_entries (${KEY}, entries)` +
    ` SELECT ${VALUES}, ${sign === 1 ? '' : '-'}count(*) FROM ${JOINED} WHERE ${where}` +
    ` GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7` +
    ` ON CONFLICT (${KEY}) DO UPDATE SET entries = report_owner_entries.entries + excluded.entries`;
  if (sign === 1) return [add];
  return [
    add,
    `DELETE FROM report_owner_entries WHERE entries = 0 AND (${KEY}) IN (SELECT ${VALUES} FROM ${JOINED} WHERE ${where})`,
  ];
}

/** The entity's entries counted anew from its live records' rows (the backfill; after report_rows'). */
export const ownerRebuildSql = (e: string): string[] => [
  `DELETE FROM report_owner_entries WHERE entity = ${e}`,
  ...ownerShiftSql(`r.entity = ${e}`, 1),
];
