// Runs one import job in a process of its own, to be killed with SIGKILL mid-way by
// kill-resume.test.ts. Args: database file, job id.
import { openStore } from '@trellis/store';
import { createEngine, runImportJob, uuidv7Ids } from '../../../src/index';

const [db, jobId] = process.argv.slice(2) as [string, string];
const store = await openStore({ url: db });
const engine = createEngine({ store, ids: uuidv7Ids });
await runImportJob(engine, jobId, { batchSize: 100 });
await store.close();
