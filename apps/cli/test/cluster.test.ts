import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@trellis/store';
import { createTestDatabase, dropTestDatabase } from '@trellis/tooling/pg';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT } from './run-cli';

const NGINX = '/usr/sbin/nginx';

const cleanup: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

type Proc = { child: ChildProcess; url: string; exited: Promise<unknown>; code?: number | null };

/** `trellis <args>` as a child process; resolves once it says where it serves, or exits. */
function trellis(cwd: string, args: string[], env: Record<string, string> = {}): Promise<Proc> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: {
      ...process.env,
      TRELLIS_LOCALE: 'en',
      TRELLIS_TICK_MS: '250',
      TRELLIS_LOG_LEVEL: 'warn',
      INIT_CWD: cwd,
      ...env,
    },
  });
  cleanup.push(() => child.exitCode === null && child.kill('SIGKILL'));
  const exited = new Promise((r) => child.once('exit', r));
  let out = '';
  return new Promise((resolve) => {
    const seen = (b: Buffer) => {
      out += b.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]!, exited });
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', seen);
    child.once('exit', (code) => resolve({ child, url: '', exited, code }));
  });
}

const until = async (ok: () => boolean | Promise<boolean>, ms: number) => {
  for (const t0 = Date.now(); !(await ok()) && Date.now() - t0 < ms;)
    await new Promise((r) => setTimeout(r, 50));
};
const rows = (s: Store, t: string, f: (r: Record<string, unknown>) => boolean = () => true) =>
  s.tables.rows(t).then((all) => all.filter(f));

const DAILY = 'schedule:release-stale-to-pool:0 9 * * *:Asia/Shanghai';
const WEEKLY = 'schedule:weekly-missing-plan:0 9 * * 1:Asia/Shanghai';

/** Signs in (as a browser on `base` would) and answers the session cookie. */
async function signIn(base: string, login: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ login, password }),
  });
  expect(res.status).toBe(200);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

/** nginx in the foreground with docs/nginx/trellis.conf, the upstreams and listen port swapped in. */
async function startNginx(upstreams: string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-nginx-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();
  const example = readFileSync(join(REPO_ROOT, 'docs/nginx/trellis.conf'), 'utf8');
  expect(example).toMatch(/^\s*server 10\.0\.0\.11:3001;$/m);
  const site = example
    .replace(/^(\s*)server 10\.0\.0\.\d+:3001;\n/gm, (line, indent: string) =>
      line.includes('.11:')
        ? upstreams.map((u) => `${indent}server ${new URL(u).host};\n`).join('')
        : '',
    )
    .replace(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${port};`);
  writeFileSync(join(dir, 'trellis.conf'), site);
  const temps = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'];
  for (const d of temps) mkdirSync(join(dir, d));
  writeFileSync(
    join(dir, 'nginx.conf'),
    `${process.getuid?.() === 0 ? 'user root;' : ''} pid ${join(dir, 'nginx.pid')};
     error_log ${join(dir, 'error.log')} warn;
     events {}
     http { access_log off; ${temps.map((d) => `${d}_temp_path ${join(dir, d)};`).join(' ')}
       include ${join(dir, 'trellis.conf')}; }`,
  );
  const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: 'inherit',
  });
  cleanup.push(() => child.exitCode === null && child.kill('SIGTERM'));
  const base = `http://127.0.0.1:${port}`;
  await until(
    () =>
      fetch(`${base}/api/v1/openapi.json`).then(
        (r) => r.ok,
        () => false,
      ),
    10_000,
  );
  return base;
}

/** Collects the `record` events of an SSE stream (their data) until aborted. */
function listen(base: string, cookie: string) {
  const seen: { at: number; data: string }[] = [];
  const abort = new AbortController();
  cleanup.push(() => abort.abort());
  const ready = (async () => {
    const res = await fetch(`${base}/api/v1/events`, {
      headers: { cookie },
      signal: abort.signal,
    });
    const reader = res.body!.getReader();
    let buffer = '';
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += new TextDecoder().decode(value);
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            if (/^event: (record|ready)$/m.test(block))
              seen.push({ at: Date.now(), data: /^data: (.*)$/m.exec(block)?.[1] ?? '' });
          }
        }
      } catch {
        // aborted at the end of the test
      }
    })();
  })();
  return { seen, ready, stop: () => abort.abort() };
}

describe.runIf(process.env.TRELLIS_TEST_PG_URL)(
  'trellis start on PostgreSQL: two processes, the leader SIGKILLed',
  () => {
    it('keeps every acknowledged submission once, runs each automation once, fires each schedule once; limits and events span both', async () => {
      const db = (await createTestDatabase('cluster'))!;
      cleanup.push(() => dropTestDatabase(db));
      const cwd = mkdtempSync(join(tmpdir(), 'trellis-cluster-'));
      cleanup.push(() => rmSync(cwd, { recursive: true, force: true }));
      const init = await trellis(cwd, ['init', '--data', 'd', '--database', db, '--demo']);
      expect(init.code).toBe(0);
      const admin = (
        JSON.parse(readFileSync(join(cwd, 'd', 'demo-credentials.json'), 'utf8')) as {
          login: string;
          role: string;
          password: string;
        }[]
      ).find((u) => u.role === 'admin')!;
      const probe = await openStore({ url: db });
      cleanup.push(() => probe.close());
      // The daily schedule is overdue: the first process to lead fires it, once.
      await probe.scheduler.schedule(DAILY, null, Date.now() - 86_400_000, Date.now());

      const serve = ['start', '--data', 'd', '--port', '0', '--host', '127.0.0.1'];
      const env = { DATABASE_URL: db, TRELLIS_LIMIT_INTAKE_PER_MINUTE: '100000' };
      const a = await trellis(cwd, serve, env);
      expect(a.url).toBeTruthy();
      const daily = () =>
        rows(probe, 'outbox', (r) => String(r.id).startsWith('schedule:release-stale-to-pool:'));
      // A alone: it takes the scheduler lock and fires the overdue schedule. Then B joins.
      await until(async () => (await daily()).length > 0, 30_000);
      expect((await daily()).length).toBe(1);
      const b = await trellis(cwd, serve, env);
      expect(b.url).toBeTruthy();

      // Login limits count across processes: 10 failures per address and login, wherever they land.
      const failures: number[] = [];
      for (let i = 0; i < 11; i++) {
        const res = await fetch(`${i % 2 ? b.url : a.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login: 'nobody', password: 'wrong-password-123' }),
        });
        failures.push(res.status);
      }
      expect(failures).toEqual([...Array<number>(10).fill(401), 429]);

      // The documented nginx config in front of both: a session holds on either process
      // (round robin), and a stream through it hears submissions made on A and on B alike
      // (LISTEN/NOTIFY wakes it; its own poll comes only every 5 s). The demo's automation
      // events are worked off first, so the stream has no backlog.
      if (existsSync(NGINX) || process.env.CI) {
        const proxy = await startNginx([a.url, b.url]);
        const cookie = await signIn(proxy, admin.login, admin.password);
        for (let i = 0; i < 4; i++) {
          const me = await fetch(`${proxy}/api/v1/me`, { headers: { cookie } });
          expect(me.status).toBe(200);
          await me.arrayBuffer();
        }
        await until(async () => (await probe.outbox.pending()) === 0, 60_000);
        const stream = listen(proxy, cookie);
        await stream.ready;
        await until(() => stream.seen.length > 0, 10_000);
        for (const [base, phone] of [
          [a.url, '13911112222'],
          [b.url, '13911113333'],
        ] as const) {
          const sentAt = Date.now();
          const res = await fetch(`${base}/f/apply`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ name: '跨进程', phone, course: 'python' }),
          });
          expect(res.status).toBe(201);
          await until(() => stream.seen.some((e) => e.data.includes(phone)), 10_000);
          const heard = stream.seen.find((e) => e.data.includes(phone));
          expect(heard, `the event of ${phone} reached the stream`).toBeTruthy();
          expect(heard!.at - sentAt).toBeLessThan(4000);
        }
        stream.stop();
      }

      // Intake load alternating between the two processes.
      const acknowledged: string[] = [];
      let sent = 0;
      let stopA = false;
      let stopAll = false;
      const lane = (base: string, stop: () => boolean) => async () => {
        while (!stop()) {
          const phone = `137${String(sent++).padStart(8, '0')}`;
          try {
            const res = await fetch(`${base}/f/apply`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ name: `集群${phone}`, phone, course: 'python' }),
            });
            if (res.status === 201) acknowledged.push(`+86${phone}`);
            await res.arrayBuffer();
          } catch {
            // the connection was cut by the kill: this submission was never acknowledged
          }
        }
      };
      const lanes = [
        ...Array.from({ length: 4 }, () => lane(a.url, () => stopA || stopAll)()),
        ...Array.from({ length: 4 }, () => lane(b.url, () => stopAll)()),
      ];
      await until(() => acknowledged.length >= 60, 60_000);
      expect(acknowledged.length).toBeGreaterThan(20);
      // The weekly schedule falls due right after the kill: B must take the scheduler over (the
      // killed leader's advisory lock ends with its connection) and fire it.
      await probe.scheduler.schedule(WEEKLY, null, Date.now() + 300, Date.now());
      a.child.kill('SIGKILL');
      stopA = true;
      await a.exited;
      const atKill = acknowledged.length;
      await until(() => acknowledged.length >= atKill + 40, 60_000);
      stopAll = true;
      await Promise.all(lanes);
      const weekly = () =>
        rows(probe, 'outbox', (r) => String(r.id).startsWith('schedule:weekly-missing-plan:'));
      await until(
        async () => (await weekly()).length > 0 && (await probe.outbox.pending()) === 0,
        180_000,
      );
      b.child.kill('SIGTERM');
      await b.exited;

      const leads = await rows(probe, 'e_lead', (r) => String(r.name).startsWith('集群'));
      const byPhone = new Map<unknown, number>();
      for (const l of leads) byPhone.set(l.phone, (byPhone.get(l.phone) ?? 0) + 1);
      expect(acknowledged.filter((p) => byPhone.get(p) !== 1)).toEqual([]);
      // Every stored lead had its routing automation run exactly once, across both processes.
      const routed = new Map<unknown, number>();
      const routeRuns = await rows(
        probe,
        'automation_runs',
        (x) => x.automation_key === 'route-python' && !x.dry_run,
      );
      for (const r of routeRuns) routed.set(r.record_id, (routed.get(r.record_id) ?? 0) + 1);
      const events = await rows(probe, 'outbox', (r) => r.type === 'record.created');
      const unrouted = leads
        .filter((l) => routed.get(l.id) !== 1)
        .map((l) => ({
          phone: l.phone,
          runs: routed.get(l.id) ?? 0,
          events: events
            .filter((e) => e.record_id === l.id)
            .map((e) => ({ attempts: e.attempts, error: e.last_error, done: e.processed_at })),
        }));
      expect(unrouted).toEqual([]);
      // A lead left without an owner, with what its routing run did and every change of its
      // owner (session 23's integration saw one, its run recorded and its event done).
      const owners = await rows(probe, 'record_history', (h) => h.field === 'ownerId');
      const unowned = leads
        .filter((l) => l.owner_id === null)
        .map((l) => ({
          phone: l.phone,
          routing: routeRuns
            .filter((r) => r.record_id === l.id)
            .map((r) => ({ status: r.status, error: r.error, actions: r.actions })),
          owners: owners
            .filter((h) => h.record_id === l.id)
            .map((h) => `${String(h.before)} -> ${String(h.after)} via ${String(h.via)}`),
        }));
      expect(unowned).toEqual([]);
      expect(await probe.outbox.pending()).toBe(0);
      // Each schedule fired once (the weekly one by the process that took over).
      const fired = await rows(probe, 'outbox', (r) => r.type === 'schedule');
      expect(fired.map((r) => String(r.id).split(':')[1]).sort()).toEqual([
        'release-stale-to-pool',
        'weekly-missing-plan',
      ]);
      for (const key of ['release-stale-to-pool', 'weekly-missing-plan']) {
        const runs = await rows(probe, 'automation_runs', (r) => r.automation_key === key);
        expect(new Set(runs.map((r) => r.event_id)).size, key).toBeLessThanOrEqual(1);
      }
    }, 400_000);
  },
);
