import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '@trellis/store';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDataDir, hashPassword, installSpec, openRuntime } from '../src/index';
import { count, rows } from './rows';
import { educationSpec } from './stack';

const here = dirname(fileURLToPath(import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function startServer(
  dir: string,
): Promise<{ child: ChildProcess; port: number; pending: () => number; exited: Promise<unknown> }> {
  const child = spawn(
    process.execPath,
    ['--conditions=@trellis/source', '--import', 'tsx', join(here, 'durability-server.ts'), dir],
    { cwd: join(here, '..'), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let pending = -1;
  // Listen for the exit at once: a killed child may be gone before anyone awaits it.
  const exited = new Promise((r) => child.once('exit', r));
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith('READY '))
          resolve({ child, port: Number(line.slice(6)), pending: () => pending, exited });
        if (line.startsWith('PENDING ')) pending = Number(line.slice(8));
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
}

describe('durability: SIGKILL under intake load', () => {
  it('keeps every acknowledged submission and runs its automations exactly once after restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-durable-'));
    dirs.push(dir);
    const paths = ensureDataDir(dir);
    const setup = await openRuntime(paths);
    const installed = await installSpec(setup.store, educationSpec());
    expect(installed.ok).toBe(true);
    const hash = await hashPassword('pass-word-1');
    for (const [login, team] of [
      ['t1', 'tech'],
      ['t2', 'tech'],
      ['d1', 'design'],
    ] as const)
      await setup.app.ctx.users.insert(
        { login, passwordHash: hash, role: 'sales', teams: [team] },
        Date.now(),
      );
    await setup.close();

    const first = await startServer(dir);
    const acknowledged: string[] = [];
    let sent = 0;
    let killed = false;
    const lane = async () => {
      while (!killed) {
        const phone = `137${String(sent++).padStart(8, '0')}`;
        try {
          const res = await fetch(`http://127.0.0.1:${first.port}/f/apply`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ name: `耐久${phone}`, phone, course: 'python' }),
          });
          if (res.status === 201) acknowledged.push(`+86${phone}`);
          await res.arrayBuffer();
        } catch {
          // connection cut by the kill: this submission was never acknowledged
        }
      }
    };
    const lanes = Array.from({ length: 8 }, lane);
    const loadStart = Date.now();
    while (acknowledged.length < 300 && Date.now() - loadStart < 30_000)
      await new Promise((r) => setTimeout(r, 20));
    expect(acknowledged.length).toBeGreaterThan(50);
    first.child.kill('SIGKILL');
    killed = true;
    await Promise.all(lanes);
    await first.exited;

    const second = await startServer(dir);
    const start = Date.now();
    while (second.pending() !== 0 && Date.now() - start < 45_000)
      await new Promise((r) => setTimeout(r, 100));
    second.child.kill('SIGTERM');
    await second.exited;

    const store = await openStore({ url: paths.db, readOnly: true });
    try {
      const leads = await rows(store, 'e_lead');
      const stored = new Set(leads.map((r) => r.phone));
      const lost = acknowledged.filter((p) => !stored.has(p));
      expect(lost).toEqual([]);
      // Every stored lead (acknowledged or not) had its routing automation run exactly once.
      const routed = new Map<unknown, number>();
      for (const r of await rows(store, 'automation_runs', {
        automation_key: 'route-python',
      }))
        if (!r.dry_run) routed.set(r.record_id, (routed.get(r.record_id) ?? 0) + 1);
      expect(leads.length).toBeGreaterThanOrEqual(acknowledged.length);
      expect(leads.filter((l) => routed.get(l.id) !== 1).map((l) => l.phone)).toEqual([]);
      expect(await count(store, 'outbox', (r) => r.processed_at === null)).toBe(0);
      expect(await count(store, 'e_lead', (r) => r.owner_id === null)).toBe(0);
    } finally {
      await store.close();
    }
  }, 120_000);
});
