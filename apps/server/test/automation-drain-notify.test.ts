import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ensureDataDir, installSpec, openRuntime, openServingRuntime } from '../src/index';
import { count } from './rows';
import { educationSpec } from './stack';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('automations in the writer thread', () => {
  it('announces what the writer committed of its own, so event streams deliver automation results at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-drain-'));
    dirs.push(dir);
    const paths = ensureDataDir(dir);
    const setup = await openRuntime(paths);
    expect((await installSpec(setup.store, educationSpec())).ok).toBe(true);
    await setup.close();
    const onCommitted = vi.fn();
    const rt = await openServingRuntime(paths, { tickMs: 60_000, onCommitted });
    try {
      const created = await rt.engine.records.create(
        'lead',
        { name: '自动化', phone: '+8613300007777', source: 'website' },
        { actor: { kind: 'system' }, via: 'import' },
      );
      expect(created.ok).toBe(true);
      // The worker processed the event in the writer and announced its commits to this thread.
      await vi.waitFor(
        async () =>
          expect(await count(rt.store, 'outbox', (r) => r.processed_at !== null)).toBeGreaterThan(
            0,
          ),
        { timeout: 10_000, interval: 50 },
      );
      await vi.waitFor(() => expect(onCommitted).toHaveBeenCalled(), {
        timeout: 10_000,
        interval: 20,
      });
    } finally {
      await rt.close();
    }
  });
});
