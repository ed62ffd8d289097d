// `pnpm dev` as a developer runs it: the API (`trellis start --init-demo`) and Vite's dev server
// with the API proxied. Typed in a fresh directory of the repository (under its git-ignored
// tmp/) on free ports, in a process group of its own (dev.mjs starts two processes, Vite through
// pnpm), which the test kills whole at the end.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WEB_DIR } from './harness/trellis';

const REPO_ROOT = join(WEB_DIR, '..', '..');

/** A loopback port nothing listens on now (the OS picks it). */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('pnpm dev', () => {
  it('serves the app through Vite and proxies the API, the session cookie included', async () => {
    // A directory whose nearest package.json is the root's, as docs/ or any folder of the clone:
    // `pnpm dev` keeps its data in ./data of where it was typed, like `pnpm start` (cli.md).
    mkdirSync(join(REPO_ROOT, 'tmp'), { recursive: true });
    const dir = mkdtempSync(join(REPO_ROOT, 'tmp', 'dev-'));
    dirs.push(dir);
    const apiPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TRELLIS_API_PORT: String(apiPort),
      TRELLIS_LOCALE: 'en',
      NO_COLOR: '1',
    };
    delete env.CI;
    delete env.TRELLIS_DATA;
    delete env.INIT_CWD;
    const child = spawn('pnpm', ['run', 'dev'], { cwd: dir, env, detached: true });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    try {
      // Both halves up: the API says it is running, Vite prints its local address (the next
      // free port from 5173 on when another dev server holds that one).
      const started = Date.now();
      let vite: string | undefined;
      while (Date.now() - started < 90_000 && child.exitCode === null) {
        // eslint-disable-next-line no-control-regex
        const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
        vite = /Local:\s+(http:\/\/\S+?)\/?\s/.exec(plain)?.[1];
        if (vite && /running at http/.test(plain)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(out).toMatch(/running at http/);
      expect(vite, out).toBeDefined();
      const origin = new URL(vite!).origin;

      // The app's page and its entry module, transformed by Vite (the packages' source condition).
      const page = await fetch(`${origin}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<div id="root">[\s\S]*\/src\/main\.tsx/);
      const entry = await fetch(`${origin}/src/main.tsx`);
      expect(entry.status, out).toBe(200);
      expect(entry.headers.get('content-type')).toMatch(/javascript/);

      // The API through Vite's proxy, as the browser calls it: not signed in yet.
      expect((await fetch(`${origin}/api/v1/me`)).status).toBe(401);
      // The demo workspace the API made (--init-demo) in ./data of the directory typed in.
      const credsFile = join(dir, 'data', 'demo-credentials.json');
      expect(existsSync(credsFile)).toBe(true);
      const [rep] = JSON.parse(readFileSync(credsFile, 'utf8')) as {
        login: string;
        password: string;
      }[];
      const login = await fetch(`${origin}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ login: rep!.login, password: rep!.password }),
      });
      expect(login.status, await login.clone().text()).toBe(200);
      const setCookie = login.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(/^trellis_session=/);
      // Over plain http the cookie must not be Secure (the browser would drop it), and it names
      // no other domain than the one the browser is on.
      expect(setCookie).not.toMatch(/;\s*secure/i);
      expect(setCookie).not.toMatch(/;\s*domain=/i);
      const cookie = setCookie.split(';')[0]!;
      const me = await fetch(`${origin}/api/v1/me`, { headers: { cookie } });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { user: { login: string } }).user.login).toBe(rep!.login);
      // A write with the cookie from Vite's origin passes the server's origin check (the proxy
      // presents the API's own), and signs out.
      const logout = await fetch(`${origin}/api/v1/auth/logout`, {
        method: 'POST',
        headers: { cookie, origin },
      });
      expect(logout.status, await logout.clone().text()).toBe(204);
      expect((await fetch(`${origin}/api/v1/me`, { headers: { cookie } })).status).toBe(401);
    } finally {
      // The whole group: pnpm, dev.mjs, the API and Vite (SIGTERM first, as Ctrl-C would).
      const signal = (s: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, s);
        } catch {
          // Already gone.
        }
      };
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      signal('SIGKILL');
    }
  }, 150_000);
});
