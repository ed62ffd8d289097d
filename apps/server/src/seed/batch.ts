import { writeOwnerChanges, type OwnerChange } from '@trellis/engine';
import type {
  ActivityRow,
  FileRow,
  HistoryRow,
  NewHandover,
  RecordInput,
  Touch,
  TransitionRow,
  Tx,
} from '@trellis/store';
import type { AppSpec } from '@trellis/spec';

/** A batch's rows as a worker thread posts them. */
export type SeedBatchMessage = {
  records: [string, RecordInput[]][];
  owners: OwnerChange[];
  transitions: TransitionRow[];
  activities: ActivityRow[];
  touches: Touch[];
  history: HistoryRow[];
  files: FileRow[];
  handovers: NewHandover[];
};

/**
 * The rows of one seed transaction, gathered first and written together through the store's
 * bulk calls (the path imports use: `insertMany` per entity, then multi-row appends of the
 * ledger, stage changes, activities, touches and history), so a batch of a thousand units costs a few statements
 * per kind of row instead of several per record.
 */
export class SeedBatch {
  /** Records per entity, in the order entities first appear (a deal's customer comes first). */
  readonly records = new Map<string, RecordInput[]>();
  readonly owners: OwnerChange[] = [];
  readonly transitions: TransitionRow[] = [];
  readonly activities: ActivityRow[] = [];
  readonly touches: Touch[] = [];
  readonly history: HistoryRow[] = [];
  /** File rows of activity attachments (demo recipes name a few; a year of seed data none). */
  readonly files: FileRow[] = [];
  /** Handovers of the past, confirmed by both parties (b2b-sales). */
  readonly handovers: NewHandover[] = [];

  /** The rows as plain data, for another thread (structured clone keeps no Map order of a class). */
  toMessage(): SeedBatchMessage {
    return {
      records: [...this.records],
      owners: this.owners,
      transitions: this.transitions,
      activities: this.activities,
      touches: this.touches,
      history: this.history,
      files: this.files,
      handovers: this.handovers,
    };
  }

  /** A batch from `toMessage()`'s data. */
  static from(m: SeedBatchMessage): SeedBatch {
    const b = new SeedBatch();
    for (const [entity, rows] of m.records) b.records.set(entity, rows);
    append(b.owners, m.owners);
    append(b.transitions, m.transitions);
    append(b.activities, m.activities);
    append(b.touches, m.touches);
    append(b.history, m.history);
    append(b.files, m.files);
    append(b.handovers, m.handovers);
    return b;
  }

  add(entity: string, row: RecordInput): void {
    const rows = this.records.get(entity);
    if (rows) rows.push(row);
    else this.records.set(entity, [row]);
  }

  async write(tx: Tx, spec: AppSpec): Promise<void> {
    for (const [entity, rows] of this.records) {
      const stored = await tx.records(spec).insertMany(entity, rows);
      // The seed makes its own ids and values checked by the record rules: a store refusal
      // here is a bug of the profile, and the whole batch rolls back with it.
      const failed = stored.find((r) => !r.ok);
      if (failed && !failed.ok) throw new Error(`${entity}: ${failed.error.message}`);
    }
    for (const f of this.files) await tx.files.insert(f);
    // Before the ledger rows that name them.
    for (const h of this.handovers) await tx.handovers.insert(h);
    await writeOwnerChanges(tx, this.owners);
    if (this.transitions.length > 0) await tx.transitions.appendMany(this.transitions);
    await tx.activities.insertMany(this.activities);
    await tx.touches.appendMany(this.touches);
    if (this.history.length > 0) await tx.history.append(this.history);
  }
}

// A loop, not push(...from): a batch of many units has more rows than a call's arguments may.
function append<T>(to: T[], from: readonly T[]): void {
  for (const x of from) to.push(x);
}
