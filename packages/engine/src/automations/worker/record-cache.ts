import type { RecordData } from '../../ports';
import type { RecordsPort, WriteResult } from '../records-port';

/**
 * Records the worker has read or written inside one drain transaction. No one else changes a
 * record meanwhile — SQLite has one writer, and where transactions run side by side
 * (PostgreSQL) the worker reads records locked (`lock`, `FOR UPDATE`) and its writes lock them
 * too, until the commit — so a record stays what it was until an automation of this worker writes. Writes are noted as pending and trusted only once
 * their action committed (`commit`); any rollback or unknown write clears everything.
 */
export function createRecordCache() {
  const known = new Map<string, RecordData | null>();
  const pending = new Map<string, RecordData>();
  const made = new Map<string, unknown>();
  const key = (entity: string, id: string) => `${entity}\u0000${id}`;
  return {
    /** Builds a per-transaction helper once (records ports and contexts per event depth). */
    memo<T>(name: string, make: () => T): T {
      if (!made.has(name)) made.set(name, make());
      return made.get(name) as T;
    },
    /** The cached record (a copy), reading it through `read` on a miss. */
    async get(
      entity: string,
      id: string,
      read: () => Promise<RecordData | null>,
    ): Promise<RecordData | null> {
      const k = key(entity, id);
      let r = known.get(k);
      if (r === undefined) {
        r = await read();
        known.set(k, r);
      }
      return r ? { ...r } : null;
    },
    /** Notes what a write through the write path returned (trusted after `commit`). */
    wrote(entity: string, w: WriteResult): void {
      if (w.ok && typeof w.record.id === 'string') pending.set(key(entity, w.record.id), w.record);
    },
    /**
     * An action finished. Its writes may have touched other records (formulas, counters), so
     * everything is dropped; when it committed, the records it wrote are known as returned.
     */
    settle(committed: boolean): void {
      known.clear();
      if (committed) for (const [k, r] of pending) known.set(k, r);
      pending.clear();
    },
    /** Forgets everything (a rolled-back event). */
    clear(): void {
      known.clear();
      pending.clear();
    },
  };
}

export type RecordCache = ReturnType<typeof createRecordCache>;

/** `base` with reads served from `cache` and record writes noted in it. */
export function cachedRecords(base: RecordsPort, cache: RecordCache): RecordsPort {
  const note =
    (entity: string) =>
    async (p: Promise<WriteResult>): Promise<WriteResult> => {
      const w = await p;
      cache.wrote(entity, w);
      return w;
    };
  return {
    ...base,
    get: (entity, id) => cache.get(entity, id, () => base.get(entity, id)),
    create: (entity, values) => note(entity)(base.create(entity, values)),
    update: (entity, id, patch) => note(entity)(base.update(entity, id, patch)),
    changeStage: (entity, id, stage) => note(entity)(base.changeStage(entity, id, stage)),
    setOwner: (entity, id, ownerId, o) => note(entity)(base.setOwner(entity, id, ownerId, o)),
  };
}
