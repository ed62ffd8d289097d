import { runImportJob, type Engine, type ImportThreadData } from '@trellis/engine';
import { resourceLimits, type Worker } from 'node:worker_threads';
import { spawnThread } from '../setup/spawn-thread';
import { askMemory, type ThreadMemory } from '../writer/thread-memory';
import { removeUpload } from './uploads';

// The job's rows are read and prepared in a thread of their own (import-thread.ts): this
// thread only writes them, so the two share the import's CPU. Started from the writer thread,
// it gets the writer's young generation (setup/young-generation.ts).
const prepareThread = (data: ImportThreadData) => {
  const worker = spawnThread(
    new URL('./import-thread.ts', import.meta.url),
    data,
    resourceLimits.maxYoungGenerationSizeMb
      ? { maxYoungGenerationSizeMb: resourceLimits.maxYoungGenerationSizeMb }
      : undefined,
  );
  running.add(worker);
  worker.once('exit', () => running.delete(worker));
  return worker;
};

/** The import threads this thread started that still run. */
const running = new Set<Worker>();

/** What each running import thread holds (the ones that do not answer in time left out). */
export async function importThreadsMemory(): Promise<ThreadMemory[]> {
  const answers = await Promise.all([...running].map((w) => askMemory(w)));
  return answers.filter((m): m is ThreadMemory => m !== null);
}

/**
 * Runs an import job to its end (or resumes it) and removes its uploaded file once a real run
 * finished: the rows are in the database and the failed ones in the job's report. A dry run, a
 * cancelled or failed run keep the file (the user may run it again) until the upload expires.
 * Errors are logged, never thrown: the caller does not wait for the job.
 */
export async function runImport(
  engine: Engine,
  id: string,
  log: (entry: Record<string, unknown>) => void,
): Promise<void> {
  try {
    const job = await runImportJob(engine, id, { prepareThread });
    if (job && job.status === 'done' && !job.dryRun) await removeUpload(job.filePath);
  } catch (e) {
    log({
      level: 'error',
      msg: 'import failed',
      job: id,
      error: e instanceof Error ? e.message : String(e),
    });
  }
}

/** Resumes, one after another, every job a stopped server left running. */
async function resumeImports(
  engine: Engine,
  log: (entry: Record<string, unknown>) => void,
): Promise<void> {
  try {
    for (const job of await engine.store.importJobs.running()) await runImport(engine, job.id, log);
  } catch (e) {
    log({ level: 'error', msg: 'import resume failed', error: String(e) });
  }
}

/**
 * Resumes left jobs now and then every `everyMs`: on PostgreSQL another server's job whose
 * holder died passes to this one once its lease ran out (runImportJob leaves jobs a live holder
 * runs, and the ones this process runs already). Returns the stop function.
 */
export function watchImports(
  engine: Engine,
  log: (entry: Record<string, unknown>) => void,
  everyMs = 60_000,
): () => void {
  let round: Promise<void> | null = null;
  const tick = () => {
    round ??= resumeImports(engine, log).finally(() => (round = null));
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
