// Added before every test file's own setup by withPostgres (vitest.shared.js): when a test runs
// past 30 s (or 60 % of its own timeout, if that is sooner), prints what every session of the
// PostgreSQL test server is doing — its state, what it waits on, which sessions block it, how
// long its transaction has been open — and again every 15 s until the test ends. A seed that
// crawled or hung in CI then says why in the log (step-list-walk at 867f8b8 left only "timed
// out after 120079 ms"). The latest print is also kept for the test's own error (lastPgActivity).
import { beforeEach } from 'vitest';
import pg from 'pg';
import { PG_URL_ENV } from './pg-test-server.mjs';
import { rememberPgActivity } from './pg-activity.mjs';

const FIRST_MS = 30_000;
const EVERY_MS = 15_000;

// Every backend but idle ones and this watcher's own, across all databases: the stream reads of
// one test database stalled on a transaction open in another (note23), so the whole server is
// what a hang needs. Autovacuum workers are listed too (their ANALYZE changes plans).
const ACTIVITY = `
  SELECT pid, datname AS db, backend_type AS kind, state,
    concat_ws(':', wait_event_type, wait_event) AS waits,
    pg_blocking_pids(pid) AS blocked_by,
    round(extract(epoch FROM now() - xact_start)::numeric, 1) AS xact_s,
    round(extract(epoch FROM now() - query_start)::numeric, 1) AS query_s,
    left(regexp_replace(query, '\\s+', ' ', 'g'), 160) AS query
  FROM pg_stat_activity
  WHERE pid <> pg_backend_pid() AND backend_type IN ('client backend', 'autovacuum worker')
    AND state IS DISTINCT FROM 'idle'
  ORDER BY xact_start NULLS LAST`;

/** @param {string} url */
async function activity(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client.query(ACTIVITY);
    if (!rows.length) return 'no session of the test server is busy';
    return rows
      .map(
        (r) =>
          `  pid ${r.pid} ${r.db ?? '-'} ${r.kind === 'client backend' ? '' : `(${r.kind}) `}` +
          `${r.state ?? '-'}${r.waits ? ` waiting on ${r.waits}` : ''}` +
          `${r.blocked_by.length ? ` blocked by ${r.blocked_by.join(',')}` : ''}` +
          `; transaction ${r.xact_s ?? '-'} s, statement ${r.query_s ?? '-'} s: ${r.query}`,
      )
      .join('\n');
  } finally {
    await client.end();
  }
}

beforeEach(({ task }) => {
  const url = process.env[PG_URL_ENV];
  if (!url) return undefined;
  const started = Date.now();
  const first = Math.min(FIRST_MS, Math.round((task.timeout || FIRST_MS / 0.6) * 0.6));
  let timer;
  let over = false;
  const tick = async () => {
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    let text;
    try {
      text = await activity(url);
    } catch (e) {
      text = `  (the test server did not answer: ${e instanceof Error ? e.message : e})`;
    }
    const report = `[pg-watch] "${task.name}" has run ${seconds} s; the PostgreSQL test server's busy sessions:\n${text}`;
    if (over) return;
    rememberPgActivity(report);
    console.error(report);
    timer = setTimeout(tick, EVERY_MS);
  };
  timer = setTimeout(tick, first);
  return () => {
    over = true;
    clearTimeout(timer);
    rememberPgActivity(null);
  };
});
