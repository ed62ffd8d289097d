/**
 * One server process of bench/processes.ts, served as `trellis start` serves (HTTP thread, a
 * writer thread with the automations): `<data dir> <postgres:// URL | sqlite>`. Prints
 * `listening <url>` and serves until SIGTERM.
 */
import { listen, openServingRuntime, ensureDataDir } from '../src/index';

const [dir, database] = process.argv.slice(2);
if (!dir || !database)
  throw new Error('usage: processes-child.ts <data dir> <postgres://… | sqlite>');
const paths = ensureDataDir(dir, database === 'sqlite' ? undefined : database);
// No intake rate limit: the load comes from one address.
const rt = await openServingRuntime(paths, {
  server: { limits: { intakePerMinute: 0 }, log: () => {} },
});
const served = await listen(rt.app, { port: 0, hostname: '127.0.0.1' });
console.log(`listening ${served.url}`);
process.once('SIGTERM', () => {
  void (async () => {
    await served.close();
    await rt.close();
    process.exit(0);
  })();
});
