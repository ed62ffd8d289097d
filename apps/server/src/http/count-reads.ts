/** What `CountReads.run` answers instead of a result when the client went away before its turn. */
export const CLIENT_GONE: unique symbol = Symbol('client gone');

/**
 * The reads that count over many records — a dashboard's widgets, counts per stage, a list's
 * total — go through here. On SQLite such a read takes 20–80 ms over 100,000 leads (over a second
 * on a cold database), and a workbench asks for up to ten at once. Under `trellis start` they are
 * read in the count thread (counts/), so this thread stays free; elsewhere (tests, the CLI) they
 * hold this thread, and a request that came after them (the next page's `/me`, a list's own rows)
 * would wait for all of them. Either way they run one at a time, each only after this thread has
 * looked at its sockets again, so such a request waits for at most the one count already running
 * here; and a read whose client has gone (the user left the page) is not run at all.
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
