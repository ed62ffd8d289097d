import { inspect } from 'node:util';
import type { Worker } from 'node:worker_threads';
import { spawnThread } from '../setup/spawn-thread';
import { WriterError, type WriteCall, type WriteReply, type WriterPort } from './calls';
import { askMemory, type ThreadMemory } from './thread-memory';

/** The writer thread of `trellis start`, seen from the HTTP thread. */
export type WriterThread = {
  /** Forwards one write; answered after its commit. */
  port: WriterPort;
  /** Resolves once the writer has opened the database and can take writes. */
  ready: Promise<void>;
  /** The thread's own memory; null while it is not running. */
  memory(): Promise<ThreadMemory | null>;
  stop(): Promise<void>;
};

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/** How long a write waits for a writer that is (re)starting before it is refused. */
const WAIT_FOR_WRITER_MS = 15_000;

/**
 * Starts the writer thread (writer-thread.ts): the only connection that writes the database.
 * Writes posted in one turn of the event loop go in one message. If the thread dies, the writes
 * it held are refused with an error (each was committed whole or not at all: retrying with the
 * same Idempotency-Key is safe), it is restarted after a second, and writes made meanwhile wait
 * for it. `onCommitted`: the writer committed work of its own (automations), for event streams.
 */
export function startWriter(
  dbFile: string,
  opts: {
    tickMs?: number;
    workerId?: string;
    /** The thread's young generation in MiB (young-generation.ts; unset: V8's default). */
    youngGenerationMb?: number;
    /** How long a write waits for a writer that is (re)starting before it is refused (ms). */
    waitMs?: number;
    log?: (entry: Record<string, unknown>) => void;
    onCommitted?: () => void;
    /**
     * The thread starts once this settles; writes posted before wait for it like writes during
     * a restart (`trellis start` starts it after listening: loading it took CPU from the first
     * answer). Stopped before it started, it never starts.
     */
    after?: Promise<unknown>;
  } = {},
): WriterThread {
  const log = opts.log ?? ((e) => console.error(JSON.stringify(e)));
  // Writes posted and not yet answered, shared with the writer (its drain gives way meanwhile).
  const gauge = new Int32Array(new SharedArrayBuffer(4));
  const pending = new Map<number, Pending>();
  let outgoing: { id: number; call: WriteCall }[] = [];
  let waiting: { id: number; call: WriteCall; since: number }[] = [];
  let seq = 0;
  let stopping = false;
  let worker: Worker | null = null;
  let live = false;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (markReady = r));

  const settle = (
    id: number,
    outcome: { ok: true; value: unknown } | { ok: false; error: Error },
  ) => {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    Atomics.sub(gauge, 0, 1);
    if (outcome.ok) p.resolve(outcome.value);
    else p.reject(outcome.error);
  };
  const flush = () => {
    if (outgoing.length === 0 || !worker || !live) return;
    const batch = outgoing;
    outgoing = [];
    try {
      worker.postMessage({ calls: batch });
    } catch {
      // A call that cannot be copied (a function slipped into its arguments) fails alone.
      for (const c of batch)
        try {
          worker.postMessage({ calls: [c] });
        } catch (error) {
          settle(c.id, {
            ok: false,
            error: error instanceof Error ? error : new Error(String(error)),
          });
        }
    }
  };
  const spawn = () => {
    if (stopping) return;
    live = false;
    const w = spawnThread(
      new URL('./writer-thread.ts', import.meta.url),
      { dbFile, tickMs: opts.tickMs ?? 15_000, workerId: opts.workerId ?? 'worker-1', gauge },
      opts.youngGenerationMb ? { maxYoungGenerationSizeMb: opts.youngGenerationMb } : undefined,
    );
    worker = w;
    w.on('message', (m: { ready?: boolean; replies?: WriteReply[]; committed?: boolean }) => {
      if (m.ready) {
        live = true;
        markReady();
        // Writes made while the thread started: now, in order.
        for (const c of waiting) outgoing.push({ id: c.id, call: c.call });
        waiting = [];
        flush();
      }
      for (const r of m.replies ?? [])
        settle(r.id, r.ok ? r : { ok: false, error: thrownIn(r.error) });
      if (m.committed) opts.onCommitted?.();
    });
    w.on('error', (err) => {
      // An uncaught error ends the thread; its 'exit' may come later, and nothing may be sent
      // to it meanwhile (writes wait for the next thread).
      if (worker === w) {
        worker = null;
        live = false;
      }
      log({
        level: 'error',
        msg: 'writer crashed',
        // A thread's failure may arrive as a plain object: inspect shows its fields, String() would not.
        error: err instanceof Error ? (err.stack ?? err.message) : inspect(err),
      });
    });
    w.on('exit', () => {
      if (worker === w) worker = null;
      live = false;
      // Writes not sent yet wait for the next thread; the ones it held are refused.
      for (const o of outgoing) waiting.push({ ...o, since: performance.now() });
      outgoing = [];
      for (const id of [...pending.keys()])
        if (!waiting.some((c) => c.id === id))
          settle(id, { ok: false, error: new WriterError('the writer stopped') });
      if (!stopping) setTimeout(spawn, 1000).unref();
    });
  };
  if (opts.after) void opts.after.then(spawn, spawn);
  else spawn();
  // Writes waiting for a writer that does not come back are refused, not kept forever.
  const expiry = setInterval(
    () => {
      const now = performance.now();
      for (const c of waiting.filter((x) => now - x.since > (opts.waitMs ?? WAIT_FOR_WRITER_MS)))
        settle(c.id, { ok: false, error: new WriterError('the writer is not running') });
      waiting = waiting.filter((x) => pending.has(x.id));
    },
    Math.min(1000, opts.waitMs ?? 1000),
  );
  expiry.unref();

  const port: WriterPort = (call) =>
    new Promise((resolve, reject) => {
      if (stopping) return reject(new WriterError('the server is stopping'));
      const id = ++seq;
      pending.set(id, { resolve, reject });
      Atomics.add(gauge, 0, 1);
      if (!live) {
        waiting.push({ id, call, since: performance.now() });
        return;
      }
      if (outgoing.length === 0) setImmediate(flush);
      outgoing.push({ id, call });
    });

  return {
    port,
    ready,
    memory: () => askMemory(live ? worker : null),
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        clearInterval(expiry);
        flush();
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

/** An error the writer threw, rebuilt here (a bug stays a 500; a busy database, transient). */
function thrownIn(e: { message: string; code?: string }): Error {
  return Object.assign(new Error(e.message), e.code ? { code: e.code } : {});
}
