// What the last-user-manager rule costs a person's change and a publish, through the API in
// process (app.request, no socket): PATCH /users/{id} changing a rep's role back and forth (the
// rule's path: the lock, the live spec and the directory read in the write's transaction) and
// POST /spec/publish of two specs in turn (the lock and the directory read around the publish).
// The database is the first argument: `:memory:` (SQLite) or a fresh PostgreSQL database's URL.
// Prints one JSON line. `node --conditions=@trellis/source --import tsx bench/user-guard.ts`.
import { openStore } from '@trellis/store';
import type { AppSpec } from '@trellis/spec';
import { createApp } from '../src/app';
import { hashPassword } from '../src/auth/password';
import { wireEngine } from '../src/setup/wire-engine';
import { educationSpec } from '../test/stack';

const ORIGIN = 'http://localhost';
const PATCHES = Number(process.env.BENCH_PATCHES ?? 300);
const PUBLISHES = Number(process.env.BENCH_PUBLISHES ?? 20);

const url = process.argv[2] ?? ':memory:';
const store = await openStore({ url });
const spec = educationSpec();
const published = await store.specs.publish({ spec, now: Date.now() });
if (!published.ok) throw new Error(JSON.stringify(published.errors.slice(0, 2)));
const app = createApp({ engine: wireEngine(store), store, log: () => {} });
const passwordHash = await hashPassword('pass-word-1');
await app.ctx.users.insert({ login: 'root', passwordHash, role: 'admin' }, Date.now());
for (let i = 0; i < 40; i++)
  await app.ctx.users.insert(
    { login: `rep${i}`, passwordHash, role: 'sales', teams: ['tech'] },
    Date.now(),
  );
const login = await app.request(`${ORIGIN}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ login: 'root', password: 'pass-word-1' }),
});
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
const call = async (method: string, path: string, body: unknown, expected: number) => {
  const t = performance.now();
  const res = await app.request(`${ORIGIN}${path}`, {
    method,
    headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const ms = performance.now() - t;
  if (res.status !== expected)
    throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
  return ms;
};

const rep = (await store.users.byLogin('rep7'))!.id;
const patchMs: number[] = [];
for (let i = -30; i < PATCHES; i++) {
  const ms = await call(
    'PATCH',
    `/api/v1/users/${rep}`,
    { role: i % 2 ? 'advisor' : 'sales' },
    200,
  );
  if (i >= 0) patchMs.push(ms);
}

// Two specs in turn: the manager role with and without `export` (a change, nothing to migrate).
const variant = (withExport: boolean): AppSpec => {
  const next = structuredClone(spec);
  const manager = next.roles!.find((r) => r.key === 'manager')!;
  const rest = (manager.capabilities ?? []).filter((c) => c !== 'export');
  manager.capabilities = (withExport ? [...rest, 'export'] : rest) as typeof manager.capabilities;
  return next;
};
const publishMs: number[] = [];
for (let i = -2; i < PUBLISHES; i++) {
  const ms = await call('POST', '/api/v1/spec/publish', { spec: variant(i % 2 !== 0) }, 201);
  if (i >= 0) publishMs.push(ms);
}
await store.close();

const summary = (runs: number[]) => {
  const sorted = [...runs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return {
    median: Number(at(0.5).toFixed(3)),
    p95: Number(at(0.95).toFixed(3)),
    runs: runs.map((r) => Number(r.toFixed(3))),
  };
};
console.log(
  JSON.stringify({
    dialect: store.dialect,
    patchRole: summary(patchMs),
    publish: summary(publishMs),
  }),
);
