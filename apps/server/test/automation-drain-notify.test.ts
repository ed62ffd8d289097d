import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ensureDataDir, installSpec, openRuntime, startAutomationThread } from '../src/index';
import { educationSpec } from './stack';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('automation thread', () => {
  it('calls onDrain after it committed work, so event streams deliver automation results at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-drain-'));
    dirs.push(dir);
    const paths = ensureDataDir(dir);
    const rt = openRuntime(paths);
    expect(installSpec(rt.db, educationSpec()).ok).toBe(true);
    const onDrain = vi.fn();
    const worker = startAutomationThread(paths.db, { tickMs: 60_000, onDrain });
    try {
      // The worker has reported once: what it writes from now on counts as new work.
      await vi.waitFor(() => expect(worker.pending()).toBeGreaterThanOrEqual(0), {
        timeout: 10_000,
        interval: 50,
      });
      expect(onDrain).not.toHaveBeenCalled();
      const created = rt.engine.records.create(
        'lead',
        { name: '自动化', phone: '+8613300007777', source: 'website' },
        { actor: { kind: 'system' }, via: 'import' },
      );
      expect(created.ok).toBe(true);
      await vi.waitFor(() => expect(onDrain).toHaveBeenCalled(), { timeout: 10_000, interval: 50 });
      // What woke the streams is the worker's own processing of the event.
      const processed = rt.db.sqlite
        .prepare('SELECT count(*) AS n FROM outbox WHERE processed_at IS NOT NULL')
        .get() as { n: number };
      expect(processed.n).toBeGreaterThan(0);
    } finally {
      await worker.stop();
      rt.close();
    }
  });
});
