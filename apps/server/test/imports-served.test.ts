import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServingRuntime } from '../src/index';
import { servedAsAdmin } from './served-admin';

const DATA = join(import.meta.dirname, '../../../packages/engine/test-data/import');
let dir = '';
let rt: ServingRuntime | undefined;
afterEach(async () => {
  await rt?.close();
  rmSync(dir, { recursive: true, force: true });
  rt = undefined;
});

type Job = { id: string; status: string; created: number; skipped: number; failed: number };

describe('imports under trellis start (read-only HTTP thread, one writer thread)', () => {
  it('creates, runs and cancels jobs through the writer', async () => {
    dir = mkdtempSync(join(tmpdir(), 'imports-served-'));
    const served = await servedAsAdmin(dir);
    rt = served.rt;
    const { request, paths } = served;

    const uploaded = await request('/api/v1/imports/uploads?entity=lead&name=leads-gbk.csv', {
      method: 'POST',
      body: readFileSync(join(DATA, 'leads-gbk.csv')),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(uploaded.status).toBe(201);
    const { upload, preview } = (await uploaded.json()) as {
      upload: { id: string };
      preview: { mapping: Record<string, string> };
    };
    const start = (dryRun: boolean) =>
      request('/api/v1/imports', {
        method: 'POST',
        json: { upload: upload.id, entity: 'lead', mapping: preview.mapping, dryRun },
      });
    const finished = async (id: string): Promise<Job> => {
      for (let i = 0; i < 600; i++) {
        const job = (await (await request(`/api/v1/imports/${id}`)).json()) as Job;
        if (job.status !== 'running') return job;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('import did not finish');
    };

    // This thread only reads: the job row and the rows are written by the writer thread.
    const dry = await start(true);
    expect(dry.status).toBe(202);
    expect(await finished(((await dry.json()) as Job).id)).toMatchObject({
      status: 'done',
      created: 4,
      skipped: 1,
      failed: 2,
    });
    expect(await rt.store.tables.count('e_lead')).toBe(0);

    const run = await start(false);
    expect(run.status).toBe(202);
    const job = (await run.json()) as Job;
    expect(await finished(job.id)).toMatchObject({ status: 'done', created: 4 });
    expect(await rt.store.tables.count('e_lead')).toBe(4);
    // The writer took the finished run's upload away.
    const file = join(paths.files, 'imports', upload.id);
    for (let i = 0; i < 500 && existsSync(file); i++) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(file)).toBe(false);

    // A cancel after the end is a write too (forwarded), and leaves a finished job as it was.
    const cancelled = await request(`/api/v1/imports/${job.id}/cancel`, { method: 'POST' });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ id: job.id, status: 'done' });
  }, 90_000);
});
