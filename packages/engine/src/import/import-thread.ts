import { parentPort, workerData, type Worker } from 'node:worker_threads';
import type { AppSpec } from '@trellis/spec';
import type { Store } from '@trellis/store';
import { createEngine } from '../engine';
import type { Clock } from '../ports';
import { dataRows, preparedBatches, type PreparedBatch } from './batches';
import type { Header } from './header';
import type { ImportOptions } from './job-options';
import { ImportFileError, type ImportMessageKey } from './messages';
import { openTable } from './open-table';
import { rowWriter } from './row-writer';
import { threadMessages } from '../threads/thread-messages';

/**
 * What the import thread needs to read and prepare a job's rows: the file and its options as
 * the job keeps them, the header the job read, the spec version in force (the prepared rows
 * carry it: the writing thread prepares a row again when a publish came in between).
 */
export type ImportThreadData = {
  filePath: string;
  entity: string;
  options: ImportOptions;
  header: Header;
  spec: AppSpec;
  specVersion: number;
  /** The job's checkpoint: rows up to this one are written already. */
  after: number;
  batchSize: number;
  /** The writing engine's clock when the thread was asked for (formulas, date rules). */
  now: number;
};

/** To the thread: one more batch may come, prepared at the writing engine's `now`. */
type More = { more: true; now: number };
type FromThread =
  | { type: 'batch'; batch: PreparedBatch }
  | { type: 'end' }
  | {
      type: 'error';
      file: { code: string; key: ImportMessageKey; params: Record<string, unknown> } | null;
      message: string;
    };

/** Batches prepared and not yet taken: at most this many wait, so memory stays bounded. */
const AHEAD = 2;

/**
 * Prepares the rows of an import in a worker thread while the calling thread writes them
 * (`RunOptions.prepareThread` starts the thread, whose entry calls `serveImportThread`).
 * Reading, decoding, parsing, mapping, normalizing and validating take about half of a row's
 * CPU; on a second core they no longer hold up the writes. Each batch taken asks for one more.
 */
export async function* threadBatches(
  spawn: (data: ImportThreadData) => Worker,
  data: ImportThreadData,
  clock: Clock,
): AsyncGenerator<PreparedBatch> {
  const worker = spawn(data);
  const messages = threadMessages<FromThread>(worker, 'import');
  try {
    for (;;) {
      const { value: m } = await messages.next();
      // Not the import's (the server asks its threads for their memory on the same port).
      if (typeof m !== 'object' || m === null || !('type' in m)) continue;
      if (m.type === 'end') return;
      if (m.type === 'error')
        throw m.file
          ? new ImportFileError(m.file.code, m.file.key, m.file.params)
          : new Error(m.message);
      worker.postMessage({ more: true, now: clock.now() } satisfies More);
      yield m.batch;
    }
  } finally {
    await worker.terminate();
  }
}

// The thread prepares with the spec it is given and reads no database: every read of the write
// path (identity, unique values, people) happens in the writing thread, in the batch's
// transaction. An engine call that reached for the store here would fail its rows.
const noStore = {} as Store;

/**
 * The body of the import thread (see `threadBatches`): reads the file from the job's checkpoint
 * on and posts its rows in prepared batches, at most AHEAD of the writer. The field permissions
 * are the spec's role model (createEngine's default port), as in every thread of the server.
 */
export async function serveImportThread(): Promise<void> {
  const data = workerData as ImportThreadData;
  const port = parentPort!;
  const at = { now: data.now };
  const clock: Clock = { now: () => at.now };
  const flow = { credit: AHEAD, wake: () => {} };
  port.on('message', (m: More) => {
    if (m?.more !== true) return;
    at.now = m.now;
    flow.credit += 1;
    flow.wake();
  });
  const post = (m: FromThread) => port.postMessage(m);
  try {
    const engine = createEngine({
      store: noStore,
      spec: data.spec,
      specVersion: data.specVersion,
      clock,
    });
    const live = await engine.spec();
    const model = live.entity(data.entity);
    if (!model) throw new Error(`unknown entity ${data.entity}`);
    const table = await openTable(data.filePath, data.options);
    const writer = rowWriter(engine, live.spec, model, data.options, data.header.columns);
    const batches = preparedBatches(
      writer,
      dataRows(table, data.header, data.after),
      data.batchSize,
    );
    for (;;) {
      // Waits for its turn before reading: a batch is prepared at the writer's latest time.
      while (flow.credit === 0) await new Promise<void>((resolve) => (flow.wake = resolve));
      flow.credit -= 1;
      const next = await batches.next();
      if (next.done) break;
      post({ type: 'batch', batch: next.value });
    }
    post({ type: 'end' });
  } catch (e) {
    post({
      type: 'error',
      file: e instanceof ImportFileError ? { code: e.code, key: e.key, params: e.params } : null,
      message: e instanceof Error ? (e.stack ?? e.message) : String(e),
    });
  }
}
