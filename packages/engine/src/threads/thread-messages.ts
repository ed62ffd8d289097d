import type { Worker } from 'node:worker_threads';

/**
 * The messages `worker` posts, in order, as they arrive. It never ends by itself: the caller
 * stops reading when the thread says it is done, and terminates the worker. A thread that fails
 * or exits first makes the next read throw (`the <name> thread stopped`), so a caller never
 * waits for a thread that is gone.
 */
export async function* threadMessages<T>(worker: Worker, name: string): AsyncGenerator<T, never> {
  const inbox: T[] = [];
  // Set by the thread's events, read by the loop below.
  const state: { failure: Error | null; wake: () => void } = { failure: null, wake: () => {} };
  worker.on('message', (m: T) => {
    inbox.push(m);
    state.wake();
  });
  worker.on('error', (e) => {
    state.failure ??= e;
    state.wake();
  });
  worker.on('exit', (code) => {
    state.failure ??= new Error(`the ${name} thread stopped (exit code ${code})`);
    state.wake();
  });
  for (;;) {
    while (inbox.length === 0 && state.failure === null)
      await new Promise<void>((resolve) => (state.wake = resolve));
    if (inbox.length === 0) throw state.failure ?? new Error(`the ${name} thread stopped`);
    yield inbox.shift()!;
  }
}
