// A real Trellis server process for the durability test: `node ... durability-server.ts <dataDir>`.
// Prints `READY <port>` once listening; SIGTERM stops it gracefully, SIGKILL does not.
import { dataPaths, listen, openRuntime } from '../src/index';

const dir = process.argv[2];
if (!dir) throw new Error('usage: durability-server.ts <dataDir>');
const rt = openRuntime(dataPaths(dir), { server: { limits: { intakePerMinute: 0 }, log: () => {} } });
rt.automations.start({ tickMs: 60_000 });
const server = await listen(rt.app, { port: 0, hostname: '127.0.0.1' });
process.stdout.write(`READY ${server.port}\n`);
setInterval(() => process.stdout.write(`PENDING ${rt.automations.pending()}\n`), 200);
process.once('SIGTERM', async () => {
  await server.close();
  await rt.automations.stop();
  rt.close();
  process.exit(0);
});
