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
 * A list's own count (`first`: a list asked with `count=1`, a list view's total) takes the next
 * turn, before the dashboards' and the groups' reads waiting: someone opening a list waits for
 * the one read running, not for a workbench's ten cold counts (1.8–4.1 s for the bench's first
 * counted list behind them, in session 19).
 *
 * `oneAtATime: false` (PostgreSQL, where a read waits on the database without holding the
 * thread): reads run at once; only a gone client's read is skipped.
 */
export type CountReads = {
  run<T>(
    signal: AbortSignal,
    read: () => Promise<T>,
    opts?: { first?: boolean },
  ): Promise<T | typeof CLIENT_GONE>;
};

/** Resolves after the event loop has polled its sockets at least once (two check phases on). */
const afterSocketsPolled = () =>
  new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

export function createCountReads({ oneAtATime }: { oneAtATime: boolean }): CountReads {
  let busy = false;
  // Reads waiting for their turn, in the order asked; `first` ones are taken before the others.
  const waiting: { first: boolean; go: () => void }[] = [];
  const handOn = () => {
    const i = waiting.findIndex((w) => w.first);
    const next = waiting.splice(Math.max(i, 0), 1)[0];
    if (next) next.go();
    else busy = false;
  };
  return {
    async run(signal, read, { first = false } = {}) {
      if (!oneAtATime) return signal.aborted ? CLIENT_GONE : read();
      if (busy) await new Promise<void>((go) => waiting.push({ first, go }));
      busy = true;
      try {
        await afterSocketsPolled();
        return signal.aborted ? CLIENT_GONE : await read();
      } finally {
        handOn();
      }
    },
  };
}

/** The answer to a request whose client has gone (nginx's 499): nobody reads it, the log does. */
export const clientGone = () => new Response(null, { status: 499 });
