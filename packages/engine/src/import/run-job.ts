import { randomUUID } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import type { ImportCounts, ImportJob, ImportRowResult, Store, Tx } from '@trellis/store';
import type { Engine } from '../engine';
import { dataRows, preparedBatches, type PreparedBatch } from './batches';
import { readHeader, type Header } from './header';
import { threadBatches, type ImportThreadData } from './import-thread';
import type { ImportOptions } from './job-options';
import { ImportFileError, importMessage } from './messages';
import { openTable, type Table } from './open-table';
import { rowWriter, writeRows, type PreparedRows, type RowWriter } from './row-writer';
import type { SheetRow } from './types';

/** How a job runs; the defaults suit a server. */
export type RunOptions = {
  /** Rows per transaction (and per checkpoint). */
  batchSize?: number;
  /** Called after each committed batch. */
  onProgress?: (job: ImportJob) => void;
  /** With automations on: wait while more outbox events than this wait for the worker. */
  maxPendingEvents?: number;
  /** Who runs the job (default: one holder per engine on PostgreSQL, the one writer on SQLite). */
  holder?: string;
  /** How long the job stays this holder's without a checkpoint (default 60 s). */
  leaseMs?: number;
  /**
   * Starts the import thread (a worker whose entry calls `serveImportThread`): the rows are
   * read and prepared there while this thread writes them. Without it (or for an engine that
   * runs a spec with no version) they are prepared here, between the writes. The thread asks
   * the spec's role model for field permissions: an engine with a permission port of its own
   * prepares here.
   */
  prepareThread?: (data: ImportThreadData) => Worker;
  /**
   * Rows left to import from which `prepareThread` is used (default 2,000): a thread took
   * 0.5–0.9 s to start in a build on a loaded machine (seconds from TypeScript source), as long
   * as preparing a few thousand rows here.
   */
  threadFromRows?: number;
};

type Lease = { holder: string; ms: number };

const holders = new WeakMap<Engine, string>();
/** Jobs this engine is running now: a second call for one of them returns at once. */
const inProgress = new WeakMap<Engine, Set<string>>();

// SQLite has one writing process (the data lock): a process starting after one died is its
// successor and may take its jobs at once. On PostgreSQL several servers share the database:
// each engine is a holder of its own, and a dead one's jobs pass on when its lease runs out.
function holderOf(engine: Engine): string {
  if (engine.store.dialect === 'sqlite') return 'sqlite-writer';
  let holder = holders.get(engine);
  if (!holder) holders.set(engine, (holder = randomUUID()));
  return holder;
}

const ROLLBACK = Symbol('dry run');
const CANCELLED = Symbol('cancelled');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function headerOf(table: Table, options: ImportOptions): Promise<Header | null> {
  const first: SheetRow[] = [];
  for await (const r of table.rows()) {
    first.push(r);
    if (first.length >= 30) break;
  }
  return readHeader(first, options);
}

// The job's total for progress: counted on the file's bytes when it can be (one parse of the
// file instead of two), else by reading its rows. The run corrects it at the end.
async function countRows(table: Table, header: Header): Promise<number> {
  const quick = await table.countFrom(header.headerRow + header.headerRows);
  if (quick !== null) return quick;
  let n = 0;
  for await (const _ of dataRows(table, header, 0)) n++;
  return n;
}

function tally(
  base: ImportCounts,
  results: Omit<ImportRowResult, 'jobId' | 'cells'>[],
): ImportCounts {
  const c = { ...base };
  for (const r of results) {
    c.rowsDone++;
    c[r.outcome]++;
  }
  return c;
}

// Automations on: each imported record may notify people. The import waits for the automation
// worker to catch up, so it cannot bury anyone under notifications (bounded wait: no worker
// running must not stall the import for ever).
async function throttle(store: Store, options: ImportOptions, max: number): Promise<void> {
  if (!options.automations) return;
  for (let waited = 0; waited < 30_000 && (await store.outbox.pending()) > max; waited += 100)
    await sleep(100);
}

/** Ends a job as failed with the reason in its language. */
async function fail(engine: Engine, job: ImportJob, message: string): Promise<ImportJob> {
  await engine.store.importJobs.finish(job.id, 'failed', engine.clock.now(), message);
  return (await engine.store.importJobs.get(job.id)) ?? job;
}

/**
 * Runs (or resumes) an import job to its end: reads the file again, skips the rows up to the
 * job's checkpoint, and writes the rest in batches through the one write path. Each batch
 * commits together with its checkpoint and row report, so a job stopped anywhere (a kill, a
 * restart) resumes without writing a row twice. A dry run writes each batch and rolls it back:
 * the report says exactly what the real run would do. A cancelled job stops at the next batch
 * (that batch is not written). Resolves to the job as it ended.
 *
 * The job is leased to one holder (one process): a job another live process runs is left alone
 * (resolves to it as it is), and a holder that stopped checkpointing for `leaseMs` loses it to
 * the next one that calls this — its own batch in progress then rolls back.
 */
export async function runImportJob(
  engine: Engine,
  id: string,
  run: RunOptions = {},
): Promise<ImportJob | null> {
  const job = await engine.store.importJobs.get(id);
  if (!job || job.status !== 'running') return job;
  const mine = inProgress.get(engine) ?? new Set<string>();
  inProgress.set(engine, mine);
  if (mine.has(id)) return job;
  const lease = { holder: run.holder ?? holderOf(engine), ms: run.leaseMs ?? 60_000 };
  const now = engine.clock.now();
  // Another process runs it (its lease has not run out): not ours to run.
  if (!(await engine.store.importJobs.lease(id, lease.holder, now + lease.ms, now))) return job;
  mine.add(id);
  try {
    return await runLeased(engine, job, lease, run);
  } finally {
    mine.delete(id);
  }
}

async function runLeased(
  engine: Engine,
  leased: ImportJob,
  lease: Lease,
  run: RunOptions,
): Promise<ImportJob | null> {
  const store = engine.store;
  const id = leased.id;
  let job = leased;
  const options = job.options as ImportOptions;
  const live = await engine.spec();
  const model = live.entity(job.entity);
  if (!model)
    return fail(
      engine,
      job,
      importMessage('unknownEntity', options.locale, { entity: job.entity }),
    );
  let table: Table;
  let header: Header | null;
  try {
    table = await openTable(job.filePath, options);
    header = await headerOf(table, options);
  } catch (e) {
    if (e instanceof ImportFileError) return fail(engine, job, e.text(options.locale));
    if ((e as { code?: string }).code === 'ENOENT')
      return fail(engine, job, importMessage('fileChanged', options.locale));
    throw e;
  }
  if (!header)
    return fail(
      engine,
      job,
      importMessage('noHeader', options.locale, { row: options.headerRow ?? 1 }),
    );
  if (job.rowsTotal === null) {
    await store.importJobs.setTotal(id, await countRows(table, header), engine.clock.now());
    job = (await store.importJobs.get(id)) ?? job;
  }
  const writer = rowWriter(engine, live.spec, model, options, header.columns);
  let counts: ImportCounts = job;
  const flush = async (batch: SheetRow[], ready: PreparedRows): Promise<boolean> => {
    await throttle(store, options, run.maxPendingEvents ?? 2_000);
    const next = await writeBatch(engine, writer, job, counts, batch, ready, lease);
    if (!next) return false;
    counts = next;
    const now = await store.importJobs.get(id);
    if (now) run.onProgress?.(now);
    return true;
  };
  // Batches are written one after another; the next one is read and prepared (in the import
  // thread, or here while PostgreSQL works) while the one before it is being written.
  const size = run.batchSize ?? 500;
  const batches: AsyncGenerator<PreparedBatch> =
    run.prepareThread &&
    live.version !== null &&
    (job.rowsTotal ?? Infinity) - job.rowsDone >= (run.threadFromRows ?? 2_000)
      ? threadBatches(
          run.prepareThread,
          {
            filePath: job.filePath,
            entity: model.key,
            options,
            header,
            spec: live.spec,
            specVersion: live.version,
            after: job.lastRow,
            batchSize: size,
            now: engine.clock.now(),
          },
          engine.clock,
        )
      : preparedBatches(writer, dataRows(table, header, job.lastRow), size);
  let writing: Promise<boolean> = Promise.resolve(true);
  // Leaving the loop early (cancelled, taken over, failed) ends the batches (and their thread).
  for await (const { rows, ready } of batches) {
    if (!(await writing)) return store.importJobs.get(id);
    writing = flush(rows, ready);
    // Awaited before the next batch is written; caught here so a failure is not reported as
    // unhandled while the next rows are read.
    writing.catch(() => undefined);
  }
  if (!(await writing)) return store.importJobs.get(id);
  // Every row is read now: the total is what was read (the quick count may have missed a row
  // the parser reads differently).
  if (counts.rowsDone !== job.rowsTotal)
    await store.importJobs.setTotal(id, counts.rowsDone, engine.clock.now());
  await store.importJobs.finish(id, 'done', engine.clock.now());
  return store.importJobs.get(id);
}

/**
 * One batch in one transaction with its checkpoint; a dry run rolls the records back and saves
 * only the report. Returns the new counts, or null when the job was cancelled meanwhile or
 * another holder took it over (its lease ran out).
 */
async function writeBatch(
  engine: Engine,
  writer: RowWriter,
  job: ImportJob,
  base: ImportCounts,
  batch: SheetRow[],
  ready: PreparedRows,
  lease: Lease,
): Promise<ImportCounts | null> {
  const store = engine.store;
  const lastRow = batch.at(-1)!.row;
  // Renewed with each checkpoint; refused (the batch rolls back) once another holder took over.
  const progress = (c: ImportCounts) => {
    const at = engine.clock.now();
    return { ...c, lastRow, at, lease: { holder: lease.holder, until: at + lease.ms } };
  };
  let report: ImportRowResult[] = [];
  let counts = base;
  // The transaction may run more than once (group commit): each run starts from the same state.
  writer.added = [];
  const body = async (tx: Tx) => {
    for (const k of writer.added) writer.seen.delete(k);
    writer.added = [];
    const outcomes = await writeRows(writer, tx, batch, ready);
    const results = outcomes.map((o, i) => ({ ...o, jobId: job.id, cells: batch[i]!.cells }));
    counts = tally(base, results);
    report = job.dryRun
      ? results
      : results.filter((r) => r.outcome === 'failed' || r.outcome === 'skipped');
    if (job.dryRun) throw ROLLBACK;
    const ok = await tx.importJobs.checkpoint(job.id, progress(counts), report);
    if (!ok) throw CANCELLED;
  };
  try {
    await store.transaction(body);
  } catch (e) {
    if (e === CANCELLED) return null;
    if (e !== ROLLBACK) throw e;
    const ok = await store.transaction((tx) =>
      tx.importJobs.checkpoint(job.id, progress(counts), report),
    );
    if (!ok) return null;
  }
  return counts;
}

/** Stops a running job: the batch in progress is not written. False when it had already ended. */
export function cancelImportJob(engine: Engine, id: string): Promise<boolean> {
  return engine.store.importJobs.finish(id, 'cancelled', engine.clock.now());
}

/** Resumes every job a stopped server left running, one after another (call at start). */
export async function resumeImportJobs(engine: Engine, run: RunOptions = {}): Promise<void> {
  for (const job of await engine.store.importJobs.running())
    await runImportJob(engine, job.id, run);
}
