import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '@trellis/store';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '../../dist/main.js');
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  // A failed or timed-out run must not leave its server holding a port and the data directory.
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** Phones of the leads stored in a data directory's database. */
async function storedPhones(dbFile: string): Promise<string[]> {
  const store = await openStore({ url: dbFile, readOnly: true });
  try {
    return (await store.tables.rows('e_lead')).map((r) => r.phone as string);
  } finally {
    await store.close();
  }
}

describe('trellis backup and restore against a running server', () => {
  it('backs up under intake load, refuses to restore while serving and loses nothing acknowledged', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'trellis-restore-'));
    dirs.push(cwd);
    // Unlimited intake per IP: the load comes from one address and must not stall at 429s.
    const env = {
      ...process.env,
      TRELLIS_LOCALE: 'en',
      INIT_CWD: cwd,
      TRELLIS_LIMIT_INTAKE_PER_MINUTE: '0',
    };
    const run = (args: string[]) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd, env });
      children.push(child);
      let out = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      child.stderr.on('data', (b: Buffer) => (out += b.toString()));
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      return { child, output: () => out, exited };
    };
    expect(await run(['init', '--data', 'd']).exited).toBe(0);
    const server = run(['start', '--data', 'd', '--port', '0', '--host', '127.0.0.1']);
    const started = Date.now();
    while (!/running at (http:\/\/\S+)/.test(server.output()) && Date.now() - started < 30_000)
      await new Promise((r) => setTimeout(r, 50));
    const url = /running at (http:\/\/\S+)/.exec(server.output())?.[1];
    expect(url, server.output()).toBeTruthy();

    // Intake load: four submitters until told to stop; every 201 is an acknowledged lead.
    const acknowledged: { phone: string; at: number }[] = [];
    let n = 0;
    let loading = true;
    const submitter = async () => {
      while (loading) {
        const phone = `+861390000${String(n++).padStart(4, '0')}`;
        const res = await fetch(`${url}/f/apply`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: '负载', phone }),
        });
        if (res.status === 201) acknowledged.push({ phone, at: Date.now() });
        await res.arrayBuffer();
      }
    };
    const load = Promise.all([submitter(), submitter(), submitter(), submitter()]);
    while (acknowledged.length < 20) await new Promise((r) => setTimeout(r, 20));

    const backupStarted = Date.now();
    const backup = run(['backup', 'b.tar.gz', '--data', 'd']);
    expect(await backup.exited, backup.output()).toBe(0);
    expect(backup.output()).toMatch(/Backed up to .*b\.tar\.gz: database/);
    const before = readdirSync(join(cwd, 'd')).sort();
    const restore = run(['restore', 'b.tar.gz', '--data', 'd']);
    expect(await restore.exited).toBe(1);
    expect(restore.output()).toMatch(/is in use \(is the server running\?\).*nothing was changed/);
    expect(readdirSync(join(cwd, 'd')).sort()).toEqual(before);
    const during = acknowledged.length;
    while (acknowledged.length < during + 20) await new Promise((r) => setTimeout(r, 20));
    loading = false;
    await load;
    server.child.kill('SIGTERM');
    expect(await server.exited, server.output()).toBe(0);

    // Every acknowledged submission is in the live database, once.
    const live = await storedPhones(join(cwd, 'd', 'trellis.db'));
    expect(new Set(live).size).toBe(live.length);
    for (const a of acknowledged) expect(live).toContain(a.phone);

    // Stopped: the restore goes through and brings back what was acknowledged before the backup.
    const restored = run(['restore', 'b.tar.gz', '--data', 'd']);
    expect(await restored.exited, restored.output()).toBe(0);
    expect(restored.output()).toMatch(/Restored the database, 0 files and secret\.key/);
    expect(restored.output()).toMatch(/The previous data is kept in .*before-restore-/);
    const back = await storedPhones(join(cwd, 'd', 'trellis.db'));
    for (const a of acknowledged.filter((x) => x.at < backupStarted))
      expect(back).toContain(a.phone);
    expect(back.length).toBeLessThan(live.length);
  }, 120_000);
});
