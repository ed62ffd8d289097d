import pg from 'pg';

/** The channel outbox appends notify on (in the same statement: delivered when they commit). */
export const COMMIT_CHANNEL = 'trellis_outbox';

/**
 * Listens for commits of other processes on the same database (LISTEN/NOTIFY) and calls
 * `onNotify` for each, on a connection of its own, opened with the first listener and
 * reconnected after a loss (a missed notification only delays a stream until its poll).
 */
export function commitChannel(
  url: string,
  onNotify: () => void,
  /** Whether a notifying backend is one of this process's own connections (told already). */
  isOwn: (backendPid: number) => boolean = () => false,
) {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  const connect = async () => {
    if (stopped || client) return;
    const c = new pg.Client({
      connectionString: url,
      application_name: 'trellis-listen',
      keepAlive: true,
    });
    client = c;
    const lost = () => {
      if (client !== c) return;
      client = null;
      c.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(() => void connect(), 1000);
    };
    c.on('error', lost);
    c.on('end', lost);
    c.on('notification', (msg) => {
      if (!isOwn(msg.processId)) onNotify();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${COMMIT_CHANNEL}`);
      if (stopped) await c.end();
    } catch {
      lost();
    }
  };
  return {
    start: () => void connect(),
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
