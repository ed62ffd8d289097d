// A real Trellis server process for the durability test, wired like `trellis start` (automation
// worker in its own thread): `node ... durability-server.ts <dataDir>`. Prints `READY <port>`
// once listening and `PENDING <n>` as the worker drains; SIGTERM stops it gracefully.
import { dataPaths, listen, openRuntime, startAutomationThread } from '../src/index';

const dir = process.argv[2];
if (!dir) throw new Error('usage: durability-server.ts <dataDir>');
const paths = dataPaths(dir);
const rt = openRuntime(paths, { server: { limits: { intakePerMinute: 0 }, log: () => {} } });
const worker = startAutomationThread(paths.db, { tickMs: 60_000 });
const server = await listen(rt.app, { port: 0, hostname: '127.0.0.1' });
process.stdout.write(`READY ${server.port}\n`);
setInterval(() => process.stdout.write(`PENDING ${worker.pending()}\n`), 200);
process.once('SIGTERM', async () => {
  await server.close();
  await worker.stop();
  rt.close();
  process.exit(0);
});
