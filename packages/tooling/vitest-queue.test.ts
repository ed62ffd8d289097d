import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { longestFirst, publishOrder, queueEnd, readOrder } from './file-queue.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'vitest-queue-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let dirs = 0;
const newDir = () => {
  const dir = join(scratch, `d${++dirs}`);
  mkdirSync(dir);
  return dir;
};

describe('the file queue', () => {
  it('orders files longest first, files it has no seconds for ahead of all', () => {
    const seconds = { 'a.test.ts': 3, 'b.test.ts': 40, 'c.test.ts': 0.1 };
    expect(longestFirst(['a.test.ts', 'new.test.ts', 'c.test.ts', 'b.test.ts'], seconds)).toEqual([
      'new.test.ts',
      'b.test.ts',
      'a.test.ts',
      'c.test.ts',
    ]);
  });

  it('gives every file to exactly one end: the head from the front, the tail from the back', () => {
    const dir = newDir();
    const order = ['f0', 'f1', 'f2', 'f3', 'f4'];
    publishOrder(dir, order);
    expect(readOrder(dir)).toEqual(order);
    const head = queueEnd(dir, order, 'head');
    const tail = queueEnd(dir, order, 'tail');
    const [byHead, byTail] = [[] as string[], [] as string[]];
    byHead.push(head.next()!, head.next()!);
    byTail.push(tail.next()!, tail.next()!);
    byHead.push(head.next()!);
    expect(tail.next()).toBeNull(); // f2 went to the head
    expect(head.next()).toBeNull(); // f3 went to the tail
    expect(head.next()).toBeNull();
    expect(byHead).toEqual(['f0', 'f1', 'f2']);
    expect(byTail).toEqual(['f4', 'f3']);
  });

  it('gives a file once when two takers race from the same end', () => {
    const dir = newDir();
    const order = ['f0', 'f1', 'f2'];
    const [one, two] = [queueEnd(dir, order, 'tail'), queueEnd(dir, order, 'tail')];
    expect(one.next()).toBe('f2');
    expect(two.next()).toBeNull();
    expect(readOrder(newDir())).toBeNull();
  });
});

/** `node vitest-queue.mjs` in `cwd`; resolves its exit code and output. */
function runQueue(cwd: string, args: string[], env: Record<string, string>) {
  const script = new URL('./vitest-queue.mjs', import.meta.url).pathname;
  const child = spawn(process.execPath, [script, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, output })),
  );
}

const names = (report: { testResults: { name: string }[] }) =>
  report.testResults.map((r) => basename(r.name));

describe('vitest-queue.mjs', () => {
  it('runs each test file once between a head and a tail, each reporting the files it ran', async () => {
    const pkg = newDir();
    const queue = newDir();
    const gate = join(scratch, 'gate');
    // Globals: these files live outside the repository, where `import 'vitest'` resolves nothing.
    writeFileSync(
      join(pkg, 'vitest.config.mjs'),
      // The gate opens after the tail's whole run: seconds on a busy machine.
      "export default { test: { include: ['*.test.mjs'], globals: true, testTimeout: 300_000 } };\n",
    );
    // The head's first file waits until the tail has taken the rest.
    writeFileSync(
      join(pkg, 'long.test.mjs'),
      `import { existsSync } from 'node:fs';
test('waits for the gate', async () => {
  while (!existsSync(process.env.QUEUE_GATE)) await new Promise((r) => setTimeout(r, 50));
});\n`,
    );
    for (const name of ['s1', 's3'])
      writeFileSync(join(pkg, `${name}.test.mjs`), "test('adds', () => expect(1 + 1).toBe(2));\n");
    writeFileSync(
      join(pkg, 's2.test.mjs'),
      "test('adds', () => expect(1 + 1).toBe(2));\ntest('fails', () => expect(1 + 1).toBe(3));\n",
    );
    const seconds = { 'long.test.mjs': 100, 's1.test.mjs': 3, 's2.test.mjs': 2, 's3.test.mjs': 1 };
    writeFileSync(join(pkg, 'seconds.json'), JSON.stringify(seconds));
    const env = { QUEUE_GATE: gate };
    const common = [`--queue=${queue}`, '--seconds=seconds.json'];

    const head = runQueue(pkg, ['--end=head', '--json=head.json', ...common], env);
    while (!readOrder(queue)) await new Promise((r) => setTimeout(r, 100));
    expect(readOrder(queue)).toEqual([
      'long.test.mjs',
      's1.test.mjs',
      's2.test.mjs',
      's3.test.mjs',
    ]);
    const tail = await runQueue(
      pkg,
      ['--end=tail', '--json=tail.json', '--near=tail-near.json', ...common],
      env,
    );
    writeFileSync(gate, '');
    const headRun = await head;

    expect(headRun.code, headRun.output).toBe(0);
    expect(tail.code, tail.output).toBe(1); // s2 has a failing test
    const headReport = JSON.parse(readFileSync(join(pkg, 'head.json'), 'utf8'));
    const tailReport = JSON.parse(readFileSync(join(pkg, 'tail.json'), 'utf8'));
    expect(names(headReport)).toEqual(['long.test.mjs']);
    expect(names(tailReport)).toEqual(['s3.test.mjs', 's2.test.mjs', 's1.test.mjs']);
    expect(headReport).toMatchObject({ numPassedTests: 1, numFailedTests: 0 });
    expect(tailReport).toMatchObject({ numPassedTests: 3, numFailedTests: 1 });
    expect(tail.output).toContain('s2.test.mjs > fails');
    // The near-timeout reporter ran in the tail's vitest (none of its tests is near 300 s).
    expect(JSON.parse(readFileSync(join(pkg, 'tail-near.json'), 'utf8'))).toEqual([]);
  }, 300_000);
});
