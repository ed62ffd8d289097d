import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { countBy, json, type Row } from '../fixtures/rows';
import { bundleThread } from '@trellis/tooling/thread-bundle';
import { intake, setupAutomations, type Harness } from './support/harness';

const here = dirname(fileURLToPath(import.meta.url));
const engineDir = join(here, '../..');
let h: Harness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.store.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// The worker process from this package's source bundled once for the file's four processes
// (each booting tsx cost 3.3–4.6 s of CPU).
const bundle = await bundleThread(new URL('./support/crash-worker.ts', import.meta.url));
afterAll(() => bundle.remove());

function startWorker(file: string, worker: string, pauseMs: number) {
  const child = spawn(process.execPath, [bundle.path, file, worker, String(pauseMs)], {
    cwd: engineDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (err += String(d)));
  const exited = new Promise<{
    code: number | null;
    signal: string | null;
    out: string;
    err: string;
  }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out, err })));
  return { child, exited };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A task made by an automation whose key passes `test` (its `source` says which). */
const madeBy = (t: Row, test: (key: string) => boolean) =>
  test(String((json(t.source) as { automation?: string } | null)?.automation ?? ''));
const routedBy = (id: string) => (r: Row) =>
  r.record_id === id && r.field === 'ownerId' && r.via === 'automation';

describe('crash safety', () => {
  it('a worker killed with SIGKILL mid-drain and restarted applies every effect exactly once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'trellis-crash-'));
    const file = join(dir, 'crm.db');
    h = await setupAutomations({ file });
    const N = 40;
    const ids: string[] = [];
    for (let i = 0; i < N; i++) {
      const r = await h.engine.records.create(
        'lead',
        {
          name: `C${i}`,
          phone: `+86131${String(i).padStart(8, '0')}`,
          source: 'website',
          course: i % 2 ? 'python' : 'java',
          city: '330100',
        },
        intake,
      );
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      ids.push(r.record.id);
    }
    const effects = () => h!.count('action_effects');
    const first = startWorker(file, 'w1', 15);
    // Kill it once it is well into the work but not done.
    const deadline = Date.now() + 20_000;
    while ((await effects()) < 20 && Date.now() < deadline) await sleep(5);
    first.child.kill('SIGKILL');
    const killed = await first.exited;
    expect(killed.signal).toBe('SIGKILL');
    const midway = await effects();
    expect(midway).toBeGreaterThanOrEqual(20);
    expect(await h.automations.pending()).toBeGreaterThan(0);
    // Restart (same worker id: it resumes its own claims without waiting for the lease).
    const second = startWorker(file, 'w1', 0);
    const done = await second.exited;
    expect(done.err).toBe('');
    expect(done.code).toBe(0);
    expect(await h.automations.pending()).toBe(0);
    // Each lead: routed once (one owner change by an automation), one first-contact task, one run per automation.
    const history = await h.rows('record_history');
    const tasks = await h.rows('tasks');
    const runs = await h.rows('automation_runs');
    const created = await h.rows('outbox', { type: 'record.created' });
    for (const id of ids) {
      expect(history.filter(routedBy(id))).toHaveLength(1);
      expect(
        tasks.filter((t) => t.record_id === id && madeBy(t, (k) => k.startsWith('route-'))),
      ).toHaveLength(1);
      const eventId = created.find((e) => e.record_id === id)?.id;
      for (const key of ['route-python', 'route-design', 'route-by-city'])
        expect(
          runs.filter(
            (r) => r.record_id === id && r.automation_key === key && r.event_id === eventId,
          ),
        ).toHaveLength(1);
    }
    // Exactly one routing rule took each lead, and it finished.
    for (const id of ids)
      expect(
        runs.filter(
          (r) =>
            r.record_id === id &&
            String(r.automation_key).startsWith('route-') &&
            r.status === 'succeeded',
        ),
      ).toHaveLength(1);
    // Every matched run has exactly one effect per action, and there are no other effects.
    const effectKeys = (await h.rows('action_effects')).map((e) => String(e.idempotency_key));
    let expected = 0;
    for (const run of runs.filter((r) => Number(r.matched) === 1)) {
      const n = h.spec.automations?.find((a) => a.key === run.automation_key)?.do.length ?? 0;
      const prefix = `${String(run.event_id)}|${String(run.automation_key)}|${String(run.record_id)}|`;
      expect(effectKeys.filter((k) => k.startsWith(prefix))).toHaveLength(n);
      expected += n;
    }
    expect(expected).toBeGreaterThanOrEqual(2 * N);
    expect(await effects()).toBe(expected);
    expect(runs.filter((r) => r.status === 'matched')).toHaveLength(0);
  }, 60_000);

  it('two worker processes draining one database at once apply every effect exactly once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'trellis-race-'));
    const file = join(dir, 'crm.db');
    h = await setupAutomations({ file });
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const r = await h.engine.records.create(
        'lead',
        {
          name: `R${i}`,
          phone: `+86132${String(i).padStart(8, '0')}`,
          source: 'website',
          course: 'python',
        },
        intake,
      );
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      ids.push(r.record.id);
    }
    const [a, b] = [startWorker(file, 'wa', 5), startWorker(file, 'wb', 5)];
    const [ra, rb] = await Promise.all([a.exited, b.exited]);
    expect([ra.code, rb.code, ra.err, rb.err]).toEqual([0, 0, '', '']);
    const done =
      (JSON.parse(ra.out) as { done: number }).done + (JSON.parse(rb.out) as { done: number }).done;
    expect(await h.automations.pending()).toBe(0);
    expect(done).toBe(await h.count('outbox'));
    const history = await h.rows('record_history');
    const tasks = await h.rows('tasks');
    for (const id of ids) {
      expect(history.filter(routedBy(id))).toHaveLength(1);
      expect(
        tasks.filter((t) => t.record_id === id && madeBy(t, (k) => k === 'route-python')),
      ).toHaveLength(1);
    }
    // Round robin stayed fair although two processes shared the cursor (the reps only: the
    // tech team's supervisor takes no leads).
    expect(countBy(await h.rows('e_lead'), 'owner_id')).toEqual({
      'u-li.na': 15,
      'u-zhang.wei': 15,
    });
  }, 60_000);
});
