/** What `CountReads.run` answers instead of a result when the client went away before its turn. */
export const CLIENT_GONE: unique symbol = Symbol('client gone');

/**
 * The reads that count over many records — a dashboard's widgets, counts per stage — go through
 * here. On SQLite such a read runs on the HTTP thread and holds it for its whole time (20–80 ms
 * over 100,000 leads, over a second on a cold database), and a workbench asks for up to ten at
 * once: a request that came after them (the next page's `/me`, a list's own rows) waited for all
 * of them. Here they run one at a time, and each only after the thread has looked at its sockets
 * again, so such a request is answered after at most the one count already running. A read whose
 * client has gone (the user left the page) is not run at all.
 *
 * `oneAtATime: false` (PostgreSQL, where a read waits on the database without holding the
 * thread): reads run at once; only a gone client's read is skipped.
 */
export type CountReads = {
  run<T>(signal: AbortSignal, read: () => Promise<T>): Promise<T | typeof CLIENT_GONE>;
};

/** Resolves after the event loop has polled its sockets at least once (two check phases on). */
const afterSocketsPolled = () =>
  new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

export function createCountReads({ oneAtATime }: { oneAtATime: boolean }): CountReads {
  let last: Promise<unknown> = Promise.resolve();
  return {
    async run(signal, read) {
      if (!oneAtATime) return signal.aborted ? CLIENT_GONE : read();
      const before = last;
      let done!: () => void;
      last = new Promise<void>((resolve) => (done = resolve));
      try {
        await before;
        await afterSocketsPolled();
        return signal.aborted ? CLIENT_GONE : await read();
      } finally {
        done();
      }
    },
  };
}

/** The answer to a request whose client has gone (nginx's 499): nobody reads it, the log does. */
export const clientGone = () => new Response(null, { status: 499 });
