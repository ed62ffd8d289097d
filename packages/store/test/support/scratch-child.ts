// A process that opens a `:memory:` store and never closes it (scratch-files.test.ts): prints
// every file under its TMPDIR, then ends on its own (`end`) or waits to be killed (`wait`).
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openStore } from '../../src/index';

await openStore({ url: ':memory:' });
console.log(JSON.stringify(readdirSync(tmpdir(), { recursive: true })));
if (process.argv[2] === 'wait') setInterval(() => undefined, 1000);
