import { inspect } from 'node:util';
import type { Worker } from 'node:worker_threads';
import { spawnThread } from '../setup/spawn-thread';
import { askMemory, type ThreadMemory } from '../writer/thread-memory';
import type { SettledRead } from '@trellis/store';
import type { CountCall, CountRead, CountReply, SettleAsk, SettleReply } from './calls';

/** The count thread of `trellis start` (count-thread.ts), seen from the HTTP thread. */
export type CountThread = {
  /** Runs one count read there; answered with the engine's result. */
  run(method: CountRead, args: unknown[]): Promise<unknown>;
  /** Resolves once the thread has opened the database and takes reads. */
  ready: Promise<void>;
  /** How many reads the thread has answered (the others ran on this thread, through `local`). */
  answered(): number;
  /** The thread's own memory; null while it is not running. */
  memory(): Promise<ThreadMemory | null>;
  stop(): Promise<void>;
};

type Pending = {
  call: Omit<CountCall, 'id'>;
  since: number;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
};

/** How long a read waits for a thread that is (re)starting before it runs here instead. */
const WAIT_FOR_THREAD_MS = 5_000;

/**
 * Starts the count thread for a SQLite data directory. Until it has first started, a read runs
 * on this thread through `local`, as before there was a thread: the thread starts after the
 * writer, seconds after the server listens on a busy machine, just as the first people sign in
 * and open their workbench and lists (the bench's first counted list waited 2.5–9 s for it, and
 * every count of the workbench with it). Once it has run, reads sent while it restarts wait for
 * it; one that waited `waitMs`, or that the thread held when it died, runs on this thread
 * (a read can run twice without harm). A dead thread is restarted after a second.
 * `epoch`: this thread's spec epoch, sent with every read, so a publish seen here is seen there.
 */
export function startCountThread(
  dbFile: string,
  opts: {
    local: (method: CountRead, args: unknown[]) => Promise<unknown>;
    epoch: () => number;
    /** What the thread's report reads ask of the writer (store OpenStoreOptions.settleReports). */
    settleReports?: (read: SettledRead | null) => Promise<unknown>;
    /** The thread starts once this settles (after the writer, which applies migrations). */
    after?: Promise<unknown>;
    waitMs?: number;
    log?: (entry: Record<string, unknown>) => void;
  },
): CountThread {
  const log = opts.log ?? ((e) => console.error(JSON.stringify(e)));
  const waitMs = opts.waitMs ?? WAIT_FOR_THREAD_MS;
  const pending = new Map<number, Pending>();
  let seq = 0;
  let answered = 0;
  let worker: Worker | null = null;
  let live = false;
  /** The thread has answered `ready` once: from then on reads wait for it while it restarts. */
  let started = false;
  let stopping = false;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (markReady = r));

  const send = (id: number, p: Pending) => worker!.postMessage({ id, ...p.call });
  const runHere = (id: number) => {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    opts.local(p.call.method, p.call.args).then(p.resolve, p.reject);
  };
  const spawn = () => {
    if (stopping) return;
    live = false;
    const w = spawnThread(new URL('./count-thread.ts', import.meta.url), { dbFile });
    worker = w;
    w.on('message', (m: { ready?: boolean; reply?: CountReply; settle?: SettleAsk }) => {
      const ask = m.settle;
      if (ask) {
        const answer = (reply: SettleReply) => w.postMessage({ settled: { id: ask.id, ...reply } });
        if (!opts.settleReports) return answer({ ok: false, error: 'no writer to settle' });
        opts.settleReports(ask.read).then(
          (value) => answer({ ok: true, value }),
          (e: unknown) => answer({ ok: false, error: e instanceof Error ? e.message : String(e) }),
        );
        return;
      }
      if (m.ready) {
        live = true;
        started = true;
        markReady();
        for (const [id, p] of pending) send(id, p);
      }
      const r = m.reply;
      const p = r && pending.get(r.id);
      if (!r || !p) return;
      pending.delete(r.id);
      answered++;
      if (r.ok) p.resolve(r.value);
      else p.reject(new Error(r.error));
    });
    w.on('error', (err) => {
      if (worker === w) live = false;
      log({
        level: 'error',
        msg: 'count thread crashed',
        error: err instanceof Error ? (err.stack ?? err.message) : inspect(err),
      });
    });
    w.on('exit', () => {
      if (worker === w) worker = null;
      live = false;
      // What it held is read here; what comes next waits for the next thread.
      for (const id of [...pending.keys()]) runHere(id);
      if (!stopping) setTimeout(spawn, 1000).unref();
    });
  };
  if (opts.after) void opts.after.then(spawn, spawn);
  else spawn();
  // Reads waiting for a thread that does not come are read here, not kept waiting.
  const expiry = setInterval(
    () => {
      if (live) return;
      const now = performance.now();
      for (const [id, p] of pending) if (now - p.since > waitMs) runHere(id);
    },
    Math.min(1000, waitMs),
  );
  expiry.unref();

  return {
    run: (method, args) =>
      new Promise((resolve, reject) => {
        if (stopping || !started) return void opts.local(method, args).then(resolve, reject);
        const id = ++seq;
        const p: Pending = {
          call: { method, args, epoch: opts.epoch() },
          since: performance.now(),
          resolve,
          reject,
        };
        pending.set(id, p);
        if (!live) return;
        try {
          send(id, p);
        } catch {
          // Arguments that cannot be copied to a thread: read here.
          runHere(id);
        }
      }),
    ready,
    answered: () => answered,
    memory: () => askMemory(live ? worker : null),
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        clearInterval(expiry);
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
