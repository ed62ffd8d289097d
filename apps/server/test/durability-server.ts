// A real Trellis server process for the durability test, wired like `trellis start` (every
// write and the automation worker in the writer thread): `node ... durability-server.ts <dataDir>`.
// Prints `READY <port>` once listening and `PENDING <n>` as the worker drains; SIGTERM stops it.
import { dataPaths, listen, openServingRuntime } from '../src/index';

const dir = process.argv[2];
if (!dir) throw new Error('usage: durability-server.ts <dataDir>');
const paths = dataPaths(dir);
const rt = await openServingRuntime(paths, {
  server: { limits: { intakePerMinute: 0 }, log: () => {} },
  tickMs: 60_000,
});
const server = await listen(rt.app, { port: 0, hostname: '127.0.0.1' });
process.stdout.write(`READY ${server.port}\n`);
setInterval(() => {
  void rt.automations.pending().then((n) => process.stdout.write(`PENDING ${n}\n`));
}, 200);
process.once('SIGTERM', async () => {
  await server.close();
  await rt.close();
  process.exit(0);
});
