import { inspect } from 'node:util';
import type { Worker } from 'node:worker_threads';
import type { ServerContext } from '../context';
import { spawnThread } from '../setup/spawn-thread';
import { commitQueueGauge } from './group-commit';
import type { IntakeStore } from './intake-store';
import {
  intakeCreateOptions,
  liveSpecVersion,
  writeIntake,
  type IntakeDeps,
  type IntakeInput,
  type IntakeOutcome,
} from './submit';

/** Intake submissions written by a thread of their own (see startIntakeWriter). */
export type IntakeWriter = {
  /** Null while the thread is down: the caller writes in its own thread instead. */
  write(input: IntakeInput, specVersion: number | null): Promise<IntakeOutcome> | null;
  /** Submissions waiting for or in the thread's group commit (pass it to startAutomationThread). */
  queue: Int32Array;
  stop(): Promise<void>;
};

/** What the HTTP thread posts to the writer thread. */
export type WriterRequest = { id: number; input: IntakeInput; specVersion: number | null };
/** What the writer thread answers, one message per group commit. */
export type WriterReply = { id: number; outcome: IntakeOutcome } | { id: number; error: string };

/** The intake write path over the HTTP thread's own connection. */
export function intakeDepsOf(ctx: ServerContext): IntakeDeps {
  return {
    engine: ctx.engine,
    groupCommit: ctx.groupCommit,
    spec: ctx.spec,
    now: ctx.now,
    automations: ctx.options.automations,
  };
}

/** Writes a submission in the intake writer thread when `trellis start` runs one, else here. */
export async function submitIntake(
  ctx: ServerContext,
  store: IntakeStore,
  input: IntakeInput,
): Promise<IntakeOutcome> {
  const writer = ctx.intakeWriter;
  if (writer) {
    // Normalizing and validating need no lock: done here, the writer thread only writes.
    const ahead = ctx.engine.records.prepareCreate(
      input.entity,
      input.values,
      intakeCreateOptions(input),
    );
    const prepared = ahead.ok ? ahead.prepared : null;
    const viaThread = writer.write(
      prepared ? { ...input, prepared } : input,
      prepared?.specVersion ?? liveSpecVersion(ctx.engine),
    );
    if (viaThread) return viaThread;
  }
  return writeIntake(intakeDepsOf(ctx), store, input);
}

/**
 * Starts the intake writer: a worker thread with its own connection and engine that runs the
 * group commits of public forms and inbound webhooks. The write (~0.3 ms of engine and SQLite
 * work per submission) then leaves the HTTP thread, which keeps parsing, answering and serving
 * the rest of the API during a burst, and the machine's second core does the writing.
 *
 * A submission is answered only after its commit, as in the HTTP thread. If the thread dies,
 * the submissions it held are answered with an error (each was committed whole or not at all:
 * a retry with the same Idempotency-Key is safe) and the HTTP thread writes until a new thread
 * runs. `checkpointsElsewhere`: the automation thread checkpoints the WAL (see handOffCheckpoints).
 * `liveRecheckMs`: the thread engine's (see EngineOptions; tests lengthen it).
 */
export function startIntakeWriter(
  dbFile: string,
  opts: {
    checkpointsElsewhere?: boolean;
    liveRecheckMs?: number;
    log?: (entry: Record<string, unknown>) => void;
  } = {},
): IntakeWriter {
  const log = opts.log ?? ((e) => console.error(JSON.stringify(e)));
  const pending = new Map<
    number,
    { resolve: (o: IntakeOutcome) => void; reject: (e: Error) => void }
  >();
  let seq = 0;
  let stopping = false;
  let worker: Worker | null = null;
  const queue = commitQueueGauge();
  const spawn = () => {
    // stop() may have come while a crashed thread waited to be restarted.
    if (stopping) return;
    // A dead thread's count must not stay: its submissions were answered with an error.
    Atomics.store(queue, 0, 0);
    const w = spawnThread(new URL('./intake-writer-thread.ts', import.meta.url), {
      dbFile,
      checkpointsElsewhere: opts.checkpointsElsewhere ?? false,
      liveRecheckMs: opts.liveRecheckMs,
      queue,
    });
    worker = w;
    w.on('message', (m: { replies?: WriterReply[] }) => {
      for (const r of m.replies ?? []) {
        const p = pending.get(r.id);
        if (!p) continue;
        pending.delete(r.id);
        if ('error' in r) p.reject(new Error(r.error));
        else p.resolve(r.outcome);
      }
    });
    w.on('error', (err) => {
      // An uncaught error ends the thread; its 'exit' may come later, and nothing may be sent
      // to it meanwhile (the HTTP thread writes instead).
      if (worker === w) worker = null;
      log({
        level: 'error',
        msg: 'intake writer crashed',
        // A thread's failure may arrive as a plain object: inspect shows its fields, String() would not.
        error: err instanceof Error ? (err.stack ?? err.message) : inspect(err),
      });
    });
    w.on('exit', () => {
      if (worker === w) worker = null;
      for (const p of pending.values()) p.reject(new Error('the intake writer thread stopped'));
      pending.clear();
      if (!stopping) setTimeout(spawn, 1000).unref();
    });
  };
  spawn();
  return {
    queue,
    write(input, specVersion) {
      const w = worker;
      if (!w || stopping) return null;
      const id = ++seq;
      return new Promise<IntakeOutcome>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ id, input, specVersion } satisfies WriterRequest);
      });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        const w = worker;
        if (!w) return resolve();
        w.once('exit', () => resolve());
        w.on('message', (m: { stopped?: boolean }) => {
          if (m.stopped) void w.terminate();
        });
        w.postMessage('stop');
      }),
  };
}
