/** What kind of owner change a ledger row records. */
export type OwnershipKind =
  'create' | 'assign' | 'transfer' | 'handover' | 'claim' | 'release' | 'reclaim' | 'merge';

/**
 * One owner change of a record (the ownership ledger). Every change of `ownerId`/`teamId` writes
 * exactly one row in the same transaction as the record; SLA and reclaim clocks read it.
 */
export type OwnershipChange = {
  id: string;
  entity: string;
  recordId: string;
  kind: OwnershipKind;
  fromUserId: string | null;
  toUserId: string | null;
  fromTeamId: string | null;
  toTeamId: string | null;
  reason: string | null;
  /** Who made the change (null: the system, an automation, intake). */
  actorId: string | null;
  via: string;
  /** The handover this change completes, when it is one. */
  handoverId: string | null;
  /** Until when the previous owner may still read the record (handover cooldown), else null. */
  readUntil: number | null;
  at: number;
};

/** The ownership ledger (`ownership_changes`). */
export type OwnershipRepo = {
  append(change: OwnershipChange): Promise<void>;
  /** Appends many at once (a bulk write, e.g. an import batch): multi-row statements. */
  appendMany(changes: readonly OwnershipChange[]): Promise<void>;
  /** A record's owner changes, oldest first. */
  listFor(entity: string, recordId: string): Promise<OwnershipChange[]>;
  /** The latest change of each of these records (records never changed are absent). */
  latest(entity: string, recordIds: readonly string[]): Promise<OwnershipChange[]>;
  /** Records of `entity` that `userId` handed over and may still read at `now` (cooldown). */
  cooldownIds(userId: string, entity: string, now: number): Promise<string[]>;
};
