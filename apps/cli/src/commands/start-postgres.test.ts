import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '@trellis/store';
import { createTestDatabase, dropTestDatabase } from '@trellis/tooling/pg';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '../../dist/main.js');
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

/** Spawns the built CLI; the child is killed at the end of the file whatever happens. */
function run(cwd: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, TRELLIS_LOCALE: 'en', INIT_CWD: cwd, ...env },
  });
  cleanup.push(() => void child.kill('SIGKILL'));
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, ms: number) {
  const start = Date.now();
  for (;;) {
    const v = await probe();
    if (v !== undefined || Date.now() - start > ms) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.runIf(process.env.TRELLIS_TEST_PG_URL)('trellis on PostgreSQL', () => {
  it('init --database fills an empty database; start (DATABASE_URL) serves it, writes and runs automations there; backup refuses', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'trellis-pg-start-'));
    cleanup.push(() => rmSync(cwd, { recursive: true, force: true }));
    const url = (await createTestDatabase('start'))!;
    cleanup.push(() => dropTestDatabase(url));

    const empty = run(cwd, ['start', '--data', 'd', '--port', '0', '--database', url]);
    expect(await empty.exited).toBe(1);
    expect(empty.output()).toMatch(/holds no workspace yet; run trellis init --database/);
    // A password in the URL never reaches the terminal.
    const sqliteUrl = run(cwd, ['init', '--data', 'd'], { DATABASE_URL: 'mysql://u:secret@h/db' });
    expect(await sqliteUrl.exited).toBe(1);
    expect(sqliteUrl.output()).toMatch(/must start with postgres:\/\/: mysql:\/\/u:\*\*\*@h\/db/);

    const init = run(cwd, ['init', '--data', 'd', '--database', url]);
    expect(await init.exited, init.output()).toBe(0);
    expect(init.output()).toMatch(/Installed template education/);
    // The directory keeps the key and uploads; no SQLite database appears beside them.
    expect(existsSync(join(cwd, 'd', 'secret.key'))).toBe(true);
    expect(existsSync(join(cwd, 'd', 'trellis.db'))).toBe(false);

    const server = run(cwd, ['start', '--data', 'd', '--port', '0', '--host', '127.0.0.1'], {
      DATABASE_URL: url,
    });
    const base = await waitFor(
      () => /running at (http:\/\/\S+)/.exec(server.output())?.[1],
      40_000,
    );
    expect(base, server.output()).toBeTruthy();
    const form = await fetch(`${base}/f/apply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '库中人', phone: '13800138123' }),
    });
    expect(form.status).toBe(201);

    const store = await openStore({ url });
    cleanup.push(() => store.close());
    const live = (await store.specs.live())!;
    const found = await store
      .records(live.spec)
      .list('lead', { search: { text: '库中人' }, limit: 5 });
    expect(found.ok && found.value.records.length).toBe(1);
    // The writer thread's automation loop picks the submission up in PostgreSQL.
    const runs = await waitFor(async () => {
      const n = await store.tables.count('automation_runs');
      return n > 0 ? n : undefined;
    }, 20_000);
    expect(runs).toBeGreaterThan(0);

    // Another process holds the lead's row: a submission that merges into it waits the writer's
    // default lock timeout (5 s; nothing in the URL, role, database or environment sets one),
    // then is answered 503 instead of waiting as long as the row is held.
    const lead = found.ok ? found.value.records[0]! : null;
    let release = () => {};
    const released = new Promise<void>((r) => (release = r));
    let held = () => {};
    const holding = new Promise<void>((r) => (held = r));
    const holder = store.transaction(async (tx) => {
      const r = await tx
        .records(live.spec)
        .update('lead', lead!.id, { notes: 'held' }, lead!.version);
      if (!r.ok) throw new Error(JSON.stringify(r));
      held();
      await released;
    });
    cleanup.push(() => release());
    await holding;
    const busy = await fetch(`${base}/f/apply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '库中人', phone: '13800138123', course: 'python' }),
    });
    release();
    await holder;
    expect(busy.status).toBe(503);
    expect(((await busy.json()) as { code: string }).code).toBe('database_busy');

    const backup = run(cwd, ['backup', join(cwd, 'b.tar.gz'), '--data', 'd'], {
      DATABASE_URL: url,
    });
    expect(await backup.exited).toBe(2);
    expect(backup.output()).toMatch(/pg_dump/);

    server.child.kill('SIGTERM');
    expect(await server.exited, server.output()).toBe(0);
  }, 120_000);
});
