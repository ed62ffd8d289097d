import type { OwnershipChange, OwnershipKind, OwnershipRepo } from '../api/ownership';
import { fromNum, fromNumOrNull, marks, type Row, type SqlExec } from './exec';
import { insertRows } from './multi-row';

const COLS =
  'id, entity, record_id, kind, from_user_id, to_user_id, from_team_id, to_team_id, reason, actor_id, via, handover_id, read_until, at';

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toChange(r: Row): OwnershipChange {
  return {
    id: String(r.id),
    entity: String(r.entity),
    recordId: String(r.record_id),
    kind: String(r.kind) as OwnershipKind,
    fromUserId: str(r.from_user_id),
    toUserId: str(r.to_user_id),
    fromTeamId: str(r.from_team_id),
    toTeamId: str(r.to_team_id),
    reason: str(r.reason),
    actorId: str(r.actor_id),
    via: String(r.via),
    handoverId: str(r.handover_id),
    readUntil: fromNumOrNull(r.read_until),
    at: fromNum(r.at),
  };
}

/** One ledger row's VALUES, in INSERT_OWNERSHIP's column order. */
export const changeParams = (c: OwnershipChange): unknown[] => [
  c.id,
  c.entity,
  c.recordId,
  c.kind,
  c.fromUserId,
  c.toUserId,
  c.fromTeamId,
  c.toTeamId,
  c.reason,
  c.actorId,
  c.via,
  c.handoverId,
  c.readUntil,
  c.at,
];

/** One ledger row's INSERT, built once. */
export const INSERT_OWNERSHIP = `INSERT INTO ownership_changes (${COLS}) VALUES (${marks(14)})`;

// Keeps an IN list well under every driver's parameter limit.
const CHUNK = 500;

/** The records a previous owner may still read (handover cooldown): user, entity, now. */
export const cooldownSql = (from: string) =>
  `SELECT DISTINCT record_id FROM ${from} WHERE from_user_id = ? AND entity = ? AND read_until > ? ORDER BY record_id`;

/** The ownership ledger over portable SQL. */
/** `cooldownFrom`: the FROM clause of the cooldown lookup (an index hint on SQLite). */
export function ownershipRepo(x: SqlExec, cooldownFrom = 'ownership_changes'): OwnershipRepo {
  return {
    async append(c) {
      await x.run(INSERT_OWNERSHIP, changeParams(c));
    },
    async appendMany(changes) {
      await insertRows(x, `INSERT INTO ownership_changes (${COLS})`, changes.map(changeParams));
    },
    async listFor(entity, recordId) {
      const rows = await x.all(
        `SELECT ${COLS} FROM ownership_changes WHERE entity = ? AND record_id = ? ORDER BY at, id`,
        [entity, recordId],
      );
      return rows.map(toChange);
    },
    async latest(entity, recordIds) {
      const out: OwnershipChange[] = [];
      for (let i = 0; i < recordIds.length; i += CHUNK) {
        const ids = recordIds.slice(i, i + CHUNK);
        const rows = await x.all(
          `SELECT ${COLS} FROM ownership_changes WHERE entity = ? AND record_id IN (${marks(ids.length)}) ORDER BY record_id, at DESC, id DESC`,
          [entity, ...ids],
        );
        let last: string | null = null;
        for (const r of rows) {
          if (r.record_id === last) continue;
          last = String(r.record_id);
          out.push(toChange(r));
        }
      }
      return out;
    },
    async cooldownIds(userId, entity, now) {
      const rows = await x.all<{ record_id: unknown }>(cooldownSql(cooldownFrom), [
        userId,
        entity,
        now,
      ]);
      return rows.map((r) => String(r.record_id));
    },
  };
}
