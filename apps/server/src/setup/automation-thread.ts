// Entry of the automation worker thread: its own database connection, engine and worker loop,
// so outbox draining never blocks the HTTP event loop. Stops when the parent posts 'stop'.
import { parentPort, workerData } from 'node:worker_threads';
import { createAutomations, createEngine } from '@trellis/engine';
import { checkpointWal, openDatabase, restartWal, RESTART_WAL_AFTER_FRAMES } from '@trellis/store';
import { alertSilentSources } from '../intake/silence-alerts';
import { envMailer, envSecrets } from './outbound';
import { envHttp } from './outbound-http';

const CHECKPOINT_EVERY_MS = 200;
/** How long a WAL restart may wait for readers, holding the write lock intake waits for. */
const RESTART_WAIT_MS = 10;
const SILENCE_CHECK_EVERY_MS = 60_000;
const { dbFile, tickMs, workerId, intakeQueue } = workerData as {
  dbFile: string;
  tickMs: number;
  workerId: string;
  intakeQueue?: Int32Array;
};
const db = openDatabase(dbFile);
// Robot messages, webhooks and emails leave from this thread (`trellis start` checked the SMTP settings).
const mail = envMailer(process.env);
if (!mail.ok) throw new Error(mail.reason);
const engine = createEngine({
  db,
  // Only public addresses, or internal ones the operator allows (TRELLIS_OUTBOUND_ALLOW).
  http: envHttp(process.env),
  ...(mail.mailer ? { mailer: mail.mailer } : {}),
});
// Each drain transaction holds the write lock intake waits for: batchMs bounds it (5 ms; at 10 ms
// intake p99 rose). While intake submissions wait (`intakeQueue` above zero: a burst), a
// transaction lasts ~1 ms and the loop pauses 20 ms between two (see contendedPauseMs).
// batchSize caps how many events one transaction takes.
const automations = createAutomations(engine, {
  secrets: envSecrets(process.env),
  options: { workerId, batchSize: 16, batchMs: 5, contendedBatchMs: 1 },
  ...(intakeQueue ? { contended: () => Atomics.load(intakeQueue, 0) > 0 } : {}),
});
automations.start({ tickMs });
// `written` (rows this connection changed so far) lets the parent wake event streams after a drain.
const written = db.sqlite.prepare('SELECT total_changes() AS n').pluck();
const report = setInterval(
  () =>
    parentPort?.postMessage({ pending: automations.pending(), written: written.get() as number }),
  250,
);
// WAL checkpoints run here, off the HTTP thread (see handOffCheckpoints): PASSIVE, so neither
// intake writes nor this worker's own writes wait for them; past RESTART_WAL_AFTER_FRAMES the log
// is also started over (restartWal), or a long burst of intake grows it until a stall.
const checkpoints = setInterval(() => {
  try {
    if (checkpointWal(db).frames >= RESTART_WAL_AFTER_FRAMES) restartWal(db, RESTART_WAIT_MS);
  } catch (error) {
    // SQLITE_BUSY/LOCKED: another checkpoint is running; the next tick tries again.
    if (!/BUSY|LOCKED/.test(String((error as { code?: string }).code))) throw error;
  }
}, CHECKPOINT_EVERY_MS);
// Intake sources with `alertAfter` that went quiet are reported to the people who manage intake.
const silence = setInterval(() => {
  let spec;
  try {
    spec = engine.spec().spec;
  } catch {
    return; // nothing published yet: no sources to watch
  }
  alertSilentSources(db, spec, engine.clock.now());
}, SILENCE_CHECK_EVERY_MS);
parentPort?.on('message', async (msg) => {
  if (msg !== 'stop') return;
  clearInterval(report);
  clearInterval(silence);
  clearInterval(checkpoints);
  await automations.stop();
  db.close();
  parentPort?.postMessage({ stopped: true });
});
