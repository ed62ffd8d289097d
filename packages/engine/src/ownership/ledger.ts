import type { OwnershipChange, OwnershipKind, Repos } from '@trellis/store';

/** Who holds a record: its owner and team. */
export type Holder = { ownerId: string | null; teamId: string | null };

/**
 * Why an owner change happens, given by the caller of a write (an automation, a handover, a
 * claim). Absent: the kind follows from the change (see `ownershipKind`).
 */
export type OwnershipNote = {
  kind?: OwnershipKind;
  reason?: string | null;
  handoverId?: string | null;
  /** Until when the previous owner keeps read-only access (handover cooldown). */
  readUntil?: number | null;
};

/** One owner change to write: the record, who held it before and after, who acted. */
export type OwnerChange = {
  id: string;
  entity: string;
  recordId: string;
  before: Holder | null;
  after: Holder;
  actorId: string | null;
  via: string;
  at: number;
  note?: OwnershipNote | undefined;
};

/**
 * The kind of an owner change nobody named: a new record's first owner is `create`; an owner
 * removed is `release`; a pool record taken by the actor is `claim`; a pool record given to
 * someone is `assign`; a record moving between owners is `transfer`.
 */
export function ownershipKind(c: Pick<OwnerChange, 'before' | 'after' | 'actorId'>): OwnershipKind {
  if (c.before === null) return 'create';
  if (c.after.ownerId === null && c.before.ownerId !== null) return 'release';
  if (c.before.ownerId === null)
    return c.after.ownerId !== null && c.after.ownerId === c.actorId ? 'claim' : 'assign';
  return 'transfer';
}

/** Whether a write moves a record between holders (owner or team). */
export function holderChanged(before: Holder | null, after: Holder): boolean {
  if (before === null) return after.ownerId !== null || after.teamId !== null;
  return before.ownerId !== after.ownerId || before.teamId !== after.teamId;
}

/**
 * THE function through which every owner change goes: writes the change to the ownership
 * ledger in the caller's transaction (the one that writes the record). The engine's write path
 * (update, bulk, automations, claim, release, handover) and the seeding of demo data call it; a
 * single create hands its `ledgerRow` to the store with the record's other rows.
 * Returns the ledger row, or null when the holder did not change.
 */
export async function writeOwnerChange(
  db: Pick<Repos, 'ownership'>,
  c: OwnerChange,
): Promise<OwnershipChange | null> {
  const row = ledgerRow(c);
  if (row) await db.ownership.append(row);
  return row;
}

/**
 * `writeOwnerChange` for many records at once (a bulk create, e.g. an import batch): the same
 * ledger rows, appended in multi-row statements. Returns the rows written.
 */
export async function writeOwnerChanges(
  db: Pick<Repos, 'ownership'>,
  changes: readonly OwnerChange[],
): Promise<OwnershipChange[]> {
  const rows = changes.map(ledgerRow).filter((r): r is OwnershipChange => r !== null);
  if (rows.length > 0) await db.ownership.appendMany(rows);
  return rows;
}

/**
 * The ledger row of a change, or null when the holder did not change. A new record's first
 * holder goes to the store with its row (`RecordRepo.create`, records/create.ts) as this row.
 */
export function ledgerRow(c: OwnerChange): OwnershipChange | null {
  if (!holderChanged(c.before, c.after)) return null;
  return {
    id: c.id,
    entity: c.entity,
    recordId: c.recordId,
    kind: c.note?.kind ?? ownershipKind(c),
    fromUserId: c.before?.ownerId ?? null,
    toUserId: c.after.ownerId,
    fromTeamId: c.before?.teamId ?? null,
    toTeamId: c.after.teamId,
    reason: c.note?.reason ?? null,
    actorId: c.actorId,
    via: c.via,
    handoverId: c.note?.handoverId ?? null,
    readUntil: c.note?.readUntil ?? null,
    at: c.at,
  };
}

/** The holder of a stored record (missing system fields count as none). */
export function holderOf(record: Record<string, unknown>): Holder {
  return { ownerId: idOrNull(record.ownerId), teamId: idOrNull(record.teamId) };
}

/**
 * A non-empty string, else null. Module-level: as a closure made per call, tsx's keepNames
 * (the benches, the dev server) ran an Object.defineProperty each time.
 */
function idOrNull(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}
