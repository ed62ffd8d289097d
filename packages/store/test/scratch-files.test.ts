import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// What `:memory:` stores leave in the temporary directory. Each child process here gets a
// temporary directory of its own as TMPDIR, so whatever is left there is its doing.
const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHILD = join(PACKAGE, 'test/support/scratch-child.ts');
let tmp = '';
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** Starts scratch-child.ts; `listed` is every file it saw under TMPDIR with its store open. */
function openInChild(mode: 'end' | 'wait') {
  const child = spawn(
    process.execPath,
    ['--conditions=@trellis/source', '--import', 'tsx', CHILD, mode],
    { cwd: PACKAGE, env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const listed = new Promise<string[]>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += String(b);
      if (out.includes('\n')) resolve(trellisFiles(JSON.parse(out) as string[]));
    });
    void exited.then(() => reject(new Error('the child ended without listing its files')));
  });
  return { child, exited, listed };
}

/** Entries of Trellis's own under TMPDIR (tsx keeps its cache there too). */
const trellisFiles = (entries: string[]) => entries.filter((e) => !e.startsWith('tsx-'));
const left = () => trellisFiles(readdirSync(tmp, { recursive: true }) as string[]);
/** The store's database file (the migrated template it was copied from aside). */
const storeFiles = (files: string[]) => files.filter((f) => /\.db$/.test(f) && !/template/.test(f));

describe(':memory: store files', () => {
  it('are gone when the process exits without closing its store', async () => {
    tmp = mkdtempSync(join(tmpdir(), 'trellis-scratch-test-'));
    const run = openInChild('end');
    expect(storeFiles(await run.listed)).toHaveLength(1);
    expect(await run.exited).toBe(0);
    expect(left()).toEqual([]);
  });

  // Three child processes, each loading the store from source: 24.6 s in the whole suite's run
  // here, near the default 30 s.
  it('left by a killed process are removed by the next one; a running one keeps its own', async () => {
    tmp = mkdtempSync(join(tmpdir(), 'trellis-scratch-test-'));
    const killed = openInChild('wait');
    const [killedDb] = storeFiles(await killed.listed);
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(left()).toContain(killedDb);
    const running = openInChild('wait');
    const [runningDb] = storeFiles(await running.listed);
    try {
      await openInChild('end').exited;
      expect(left()).not.toContain(killedDb);
      expect(left()).toContain(runningDb);
    } finally {
      running.child.kill('SIGKILL');
      await running.exited;
    }
  }, 120_000);
});
