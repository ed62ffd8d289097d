import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killGroup, startDetached } from './detached-server';
import { REPO_ROOT } from './run-cli';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const BUILDING = 'Building the web app (apps/web)…';

/** `pnpm start` in `clone` until it serves; answers what it printed and what `/` served. */
async function start(clone: string, data: string) {
  const server = await startDetached('pnpm', ['start', '--data', data], {
    cwd: clone,
    waitMs: 600_000,
  });
  try {
    const url = /running at (http:\/\/\S+)/.exec(server.output())![1]!;
    const page = await (await fetch(url)).text();
    process.kill(-server.child.pid!, 'SIGINT');
    expect(await server.exited, server.output()).toBe(0);
    return { output: server.output(), page };
  } finally {
    killGroup(server.child, 'SIGKILL');
  }
}

// The promise (README "Try it"): `pnpm start` on a fresh clone builds the web app once
// and serves it; later starts serve that build at once, and build again only when the app's
// sources changed since (scripts/build-once.mjs compares their newest modification time).
describe('pnpm start on a fresh clone', () => {
  it('builds the web app once, not on the next start, and again after a source changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-fresh-clone-'));
    dirs.push(dir);
    const clone = join(dir, 'trellis');
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT }).toString().trim();
    execFileSync('git', ['clone', '--quiet', '--shared', '--no-checkout', REPO_ROOT, clone]);
    execFileSync('git', ['checkout', '--quiet', head], { cwd: clone });
    const data = join(dir, 'data');
    const index = join(clone, 'apps', 'web', 'dist', 'index.html');

    const first = await start(clone, data);
    expect(first.output.split(BUILDING)).toHaveLength(2);
    expect(first.page).toMatch(/<script type="module"[^>]+src="\/assets\/app-/);
    const built = statSync(index).mtimeMs;

    const second = await start(clone, data);
    expect(second.output).not.toContain(BUILDING);
    expect(second.page).toBe(first.page);
    expect(statSync(index).mtimeMs).toBe(built);

    appendFileSync(join(clone, 'apps', 'web', 'src', 'main.tsx'), '\n// changed\n');
    const third = await start(clone, data);
    expect(third.output.split(BUILDING)).toHaveLength(2);
    expect(statSync(index).mtimeMs).toBeGreaterThan(built);
  }, 1_200_000);
});
