// A real Trellis server process for the durability test, wired like `trellis start` (automation
// worker and intake writer in their own threads): `node ... durability-server.ts <dataDir>`. Prints `READY <port>`
// once listening and `PENDING <n>` as the worker drains; SIGTERM stops it gracefully.
import {
  dataPaths,
  listen,
  openRuntime,
  startAutomationThread,
  startIntakeWriter,
} from '../src/index';

const dir = process.argv[2];
if (!dir) throw new Error('usage: durability-server.ts <dataDir>');
const paths = dataPaths(dir);
const rt = openRuntime(paths, { server: { limits: { intakePerMinute: 0 }, log: () => {} } });
const writer = startIntakeWriter(paths.db, { checkpointsElsewhere: true });
rt.app.ctx.intakeWriter = writer;
const worker = startAutomationThread(paths.db, {
  tickMs: 60_000,
  checkpointsOf: rt.db,
  intakeQueue: writer.queue,
});
const server = await listen(rt.app, { port: 0, hostname: '127.0.0.1' });
process.stdout.write(`READY ${server.port}\n`);
setInterval(() => process.stdout.write(`PENDING ${worker.pending()}\n`), 200);
process.once('SIGTERM', async () => {
  await server.close();
  await writer.stop();
  await worker.stop();
  rt.close();
  process.exit(0);
});
