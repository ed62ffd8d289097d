// Entry of the intake writer thread (see startIntakeWriter): its own connection, engine and
// group commit; writes the submissions the HTTP thread posts and answers after each commit.
import { parentPort, workerData } from 'node:worker_threads';
import { createAutomations, createEngine } from '@trellis/engine';
import { handOffCheckpoints, markSpecChanged, openDatabase } from '@trellis/store';
import { createGroupCommit } from './group-commit';
import { intakeStore } from './intake-store';
import type { WriterReply, WriterRequest } from './intake-writer';
import { liveSpecVersion, writeIntake, type IntakeDeps } from './submit';

const { dbFile, checkpointsElsewhere, liveRecheckMs, queue } = workerData as {
  dbFile: string;
  checkpointsElsewhere: boolean;
  liveRecheckMs?: number;
  queue: Int32Array;
};
const db = openDatabase(dbFile);
if (checkpointsElsewhere) handOffCheckpoints(db);
const engine = createEngine({
  db,
  ...(liveRecheckMs !== undefined ? { liveRecheckMs } : {}),
});
const store = intakeStore(db);
const deps: IntakeDeps = {
  engine,
  groupCommit: createGroupCommit(db, { gauge: queue }),
  spec: () => (liveSpecVersion(engine) === null ? null : engine.spec().spec),
  now: () => Date.now(),
  // Only `emit` is used: the outbox event is written in the submission's transaction.
  automations: createAutomations(engine),
};

// The answers of one group commit settle together: they go back in one message, not one each.
let replies: WriterReply[] = [];
const reply = (r: WriterReply) => {
  if (replies.length === 0) setImmediate(sendReplies);
  replies.push(r);
};
const sendReplies = () => {
  parentPort?.postMessage({ replies });
  replies = [];
};

let inFlight = 0;
let stopRequested = false;
const stopWhenIdle = () => {
  if (!stopRequested || inFlight > 0) return;
  if (replies.length > 0) sendReplies();
  db.close();
  parentPort?.postMessage({ stopped: true });
};

parentPort?.on('message', (msg: 'stop' | WriterRequest) => {
  if (msg === 'stop') {
    stopRequested = true;
    stopWhenIdle();
    return;
  }
  // The HTTP thread saw a newer spec (a publish a moment ago): read it now rather than within
  // the engine's recheck interval, so a new form or field is known here too.
  if (msg.specVersion !== null && (liveSpecVersion(engine) ?? -1) < msg.specVersion)
    markSpecChanged();
  inFlight++;
  writeIntake(deps, store, msg.input)
    .then(
      (outcome) => reply({ id: msg.id, outcome }),
      (error: unknown) =>
        reply({ id: msg.id, error: error instanceof Error ? error.message : String(error) }),
    )
    .finally(() => {
      inFlight--;
      stopWhenIdle();
    });
});
