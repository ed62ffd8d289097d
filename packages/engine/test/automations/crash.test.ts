import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { intake, setupAutomations, type Harness } from './support/harness';

const here = dirname(fileURLToPath(import.meta.url));
const engineDir = join(here, '../..');
let h: Harness | undefined;
let dir: string | undefined;
afterEach(() => {
  h?.db.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function startWorker(file: string, worker: string, pauseMs: number) {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@trellis/source',
      '--import',
      'tsx',
      join(here, 'support/crash-worker.ts'),
      file,
      worker,
      String(pauseMs),
    ],
    { cwd: engineDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
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

describe('crash safety', () => {
  it('a worker killed with SIGKILL mid-drain and restarted applies every effect exactly once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'trellis-crash-'));
    const file = join(dir, 'crm.db');
    h = setupAutomations({ file });
    const N = 40;
    const ids: string[] = [];
    for (let i = 0; i < N; i++) {
      const r = h.engine.records.create(
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
    while (effects() < 20 && Date.now() < deadline) await sleep(5);
    first.child.kill('SIGKILL');
    const killed = await first.exited;
    expect(killed.signal).toBe('SIGKILL');
    const midway = effects();
    expect(midway).toBeGreaterThanOrEqual(20);
    expect(h.automations.pending()).toBeGreaterThan(0);
    // Restart (same worker id: it resumes its own claims without waiting for the lease).
    const second = startWorker(file, 'w1', 0);
    const done = await second.exited;
    expect(done.err).toBe('');
    expect(done.code).toBe(0);
    expect(h.automations.pending()).toBe(0);
    // Each lead: routed once (one owner change by an automation), one first-contact task, one run per automation.
    for (const id of ids) {
      expect(
        h.count('record_history', `record_id = ? AND field = 'ownerId' AND via = 'automation'`, id),
      ).toBe(1);
      expect(
        h.count(
          'tasks',
          `record_id = ? AND json_extract(source, '$.automation') LIKE 'route-%'`,
          id,
        ),
      ).toBe(1);
      for (const key of ['route-python', 'route-design', 'route-by-city'])
        expect(
          h.count(
            'automation_runs',
            `record_id = ? AND automation_key = ? AND event_id = (SELECT id FROM outbox WHERE type = 'record.created' AND record_id = ?)`,
            id,
            key,
            id,
          ),
        ).toBe(1);
    }
    // Exactly one routing rule took each lead, and it finished.
    for (const id of ids)
      expect(
        h.count(
          'automation_runs',
          `record_id = ? AND automation_key LIKE 'route-%' AND status = 'succeeded'`,
          id,
        ),
      ).toBe(1);
    // Every matched run has exactly one effect per action, and there are no other effects.
    const matched = h.all<{ event_id: string; automation_key: string; record_id: string }>(
      `SELECT event_id, automation_key, record_id FROM automation_runs WHERE matched = 1`,
    );
    let expected = 0;
    for (const run of matched) {
      const n = h.spec.automations?.find((a) => a.key === run.automation_key)?.do.length ?? 0;
      expect(
        h.count(
          'action_effects',
          `idempotency_key LIKE ?`,
          `${run.event_id}|${run.automation_key}|${run.record_id}|%`,
        ),
      ).toBe(n);
      expected += n;
    }
    expect(expected).toBeGreaterThanOrEqual(2 * N);
    expect(effects()).toBe(expected);
    expect(h.count('automation_runs', `status = 'matched'`)).toBe(0);
  }, 60_000);

  it('two worker processes draining one database at once apply every effect exactly once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'trellis-race-'));
    const file = join(dir, 'crm.db');
    h = setupAutomations({ file });
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const r = h.engine.records.create(
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
    expect(h.automations.pending()).toBe(0);
    expect(done).toBe(h.count('outbox'));
    for (const id of ids) {
      expect(
        h.count('record_history', `record_id = ? AND field = 'ownerId' AND via = 'automation'`, id),
      ).toBe(1);
      expect(
        h.count(
          'tasks',
          `record_id = ? AND json_extract(source, '$.automation') = 'route-python'`,
          id,
        ),
      ).toBe(1);
    }
    // Round robin stayed fair although two processes shared the cursor (the reps only: the
    // tech team's supervisor takes no leads).
    expect(
      h.all(`SELECT owner_id, count(*) AS n FROM e_lead GROUP BY owner_id ORDER BY owner_id`),
    ).toEqual([
      { owner_id: 'u-li.na', n: 15 },
      { owner_id: 'u-zhang.wei', n: 15 },
    ]);
  }, 60_000);
});
