import type Database from 'better-sqlite3';

/** How one unit of a group commit runs: straight in the transaction, or in a savepoint of its own. */
export type UnitMode = { savepoints: boolean; broken: boolean };

type Job = {
  fn: () => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
};
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export type TxQueue = {
  /** Queues a transaction body; settles after the commit of its group. */
  submit<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs a nested unit inside the running body (flattened, or in a savepoint). */
  nested<T>(fn: () => Promise<T>): Promise<T>;
  waiting(): number;
  onCommit(listener: () => void): () => void;
  /** Resolves once nothing is queued or running. */
  idle(): Promise<void>;
  /**
   * Gives the connection its own busy timeout back before it is used outside the queue (a read
   * on the writer, a checkpoint): the queue leaves it at 0 from one transaction to the next.
   */
  relax(): void;
};

/**
 * The one writer of a SQLite database (DESIGN.md §4). Transactions queue here and run one at
 * a time on the write connection; the ones that arrive in the same turn of the event loop
 * share one commit (group commit: one WAL commit instead of one each).
 *
 * A group first runs without a savepoint per unit (a savepoint copies every page it touches to
 * the statement journal: ~25 % of a small write). When any unit throws, or a nested unit threw
 * and was caught, its partial writes cannot be undone alone: the group is rolled back and run
 * again with a savepoint per unit and per nested unit, so only the failing one rolls back.
 * Nothing is answered before the commit, so running a group twice is invisible to callers.
 *
 * The write lock is taken without sleeping in SQLite's busy handler: while another connection
 * (a checkpoint, another process) holds it, BEGIN is retried every `retryMs` on a timer, so the
 * event loop keeps serving; past `busyTimeoutMs` it waits blocking, like any write would. The
 * busy timeout stays 0 from one transaction to the next, and `relax()` sets it back before the
 * connection is used outside the queue: set and reset around every BEGIN, the two pragmas were
 * ~4 µs of a ~300 µs engine create.
 */
export function createTxQueue(
  db: Database.Database,
  opts: { maxBatch?: number; retryMs?: number; busyTimeoutMs: number },
): TxQueue & { mode: UnitMode } {
  const { maxBatch = 64, retryMs = 1, busyTimeoutMs } = opts;
  const queue: Job[] = [];
  const listeners = new Set<() => void>();
  const idleWaiters: (() => void)[] = [];
  let scheduled = false;
  let running = false;
  /** Units of the running group not started yet. */
  let groupLeft = 0;
  let savepointSeq = 0;
  const mode: UnitMode = { savepoints: false, broken: false };
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');

  // Not a prepared statement: SQLite applies busy_timeout when the pragma is compiled. exec()
  // compiles and runs it without the Statement object and result rows db.pragma() makes (a
  // quarter of the cost, paid twice per transaction).
  const restoreBusy = `PRAGMA busy_timeout = ${busyTimeoutMs}`;
  /** The connection's busy timeout is 0 (the queue's), not its own. */
  let nonBlocking = false;
  const relax = () => {
    if (!nonBlocking) return;
    db.exec(restoreBusy);
    nonBlocking = false;
  };
  const tryBegin = (): boolean => {
    if (!nonBlocking) {
      db.exec('PRAGMA busy_timeout = 0');
      nonBlocking = true;
    }
    try {
      begin.run();
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_BUSY') return false;
      throw error;
    }
  };

  const takeLock = async (): Promise<void> => {
    const since = performance.now();
    while (!tryBegin()) {
      if (performance.now() - since >= busyTimeoutMs) {
        relax();
        begin.run();
        return;
      }
      await new Promise((r) => setTimeout(r, retryMs));
    }
  };

  const inSavepoint = async <T>(fn: () => Promise<T>): Promise<T> => {
    const name = `u${++savepointSeq}`;
    db.exec(`SAVEPOINT ${name}`);
    try {
      const value = await fn();
      db.exec(`RELEASE ${name}`);
      return value;
    } catch (error) {
      db.exec(`ROLLBACK TO ${name}`);
      db.exec(`RELEASE ${name}`);
      throw error;
    }
  };

  /** Thrown when SQLite rolled the whole transaction back by itself (a full disk, an I/O error). */
  const lost = () =>
    new Error('the transaction was rolled back by SQLite (see the previous error)');

  const runUnits = async (jobs: Job[], savepoints: boolean): Promise<Outcome[]> => {
    mode.savepoints = savepoints;
    mode.broken = false;
    const out: Outcome[] = [];
    groupLeft = jobs.length;
    for (const job of jobs) {
      groupLeft--;
      try {
        out.push({ ok: true, value: await (savepoints ? inSavepoint(job.fn) : job.fn()) });
      } catch (error) {
        out.push({ ok: false, error });
        // Flattened, the units after it would only be run again: stop here.
        if (!savepoints) {
          mode.broken = true;
          break;
        }
      }
      if (!db.inTransaction) throw lost();
    }
    return out;
  };

  const flush = async (): Promise<void> => {
    scheduled = false;
    running = true;
    const jobs = queue.splice(0, maxBatch);
    let outcomes: Outcome[];
    try {
      await takeLock();
      outcomes = await runUnits(jobs, false);
      // One unit alone that threw needs no second run: rolling back undoes exactly it.
      const alone = jobs.length === 1 && outcomes.length === 1 && !outcomes[0]!.ok;
      if (alone) {
        if (db.inTransaction) rollback.run();
      } else {
        if (mode.broken) {
          if (db.inTransaction) rollback.run();
          await takeLock();
          outcomes = await runUnits(jobs, true);
        }
        commit.run();
      }
    } catch (error) {
      // The lock or the commit itself failed: nothing of this group is durable.
      if (db.inTransaction) rollback.run();
      outcomes = jobs.map(() => ({ ok: false, error }));
    } finally {
      mode.savepoints = false;
      mode.broken = false;
      running = false;
      groupLeft = 0;
    }
    jobs.forEach((job, i) => {
      const o = outcomes[i]!;
      if (o.ok) job.resolve(o.value);
      else job.reject(o.error);
    });
    if (outcomes.some((o) => o.ok)) for (const l of listeners) l();
    if (queue.length > 0) schedule();
    else for (const w of idleWaiters.splice(0)) w();
  };

  const schedule = () => {
    if (scheduled || running) return;
    scheduled = true;
    // The next turn: everything queued by this turn's messages and requests joins the group.
    setImmediate(() => void flush());
  };

  return {
    mode,
    submit: <T>(fn: () => Promise<T>) =>
      new Promise<T>((resolve, reject) => {
        queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
        schedule();
      }),
    nested: async <T>(fn: () => Promise<T>): Promise<T> => {
      if (mode.savepoints) return inSavepoint(fn);
      try {
        return await fn();
      } catch (error) {
        mode.broken = true;
        throw error;
      }
    },
    waiting: () => queue.length + groupLeft,
    onCommit: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    relax,
    idle: () =>
      !running && !scheduled && queue.length === 0
        ? Promise.resolve()
        : new Promise<void>((r) => idleWaiters.push(r)),
  };
}
