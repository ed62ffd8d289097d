import { runImportJob, type Engine, type ImportThreadData } from '@trellis/engine';
import { spawnThread } from '../setup/spawn-thread';
import { removeUpload } from './uploads';

// The job's rows are read and prepared in a thread of their own (import-thread.ts): this
// thread only writes them, so the two share the import's CPU.
const prepareThread = (data: ImportThreadData) =>
  spawnThread(new URL('./import-thread.ts', import.meta.url), data);

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
