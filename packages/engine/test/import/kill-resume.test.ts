import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@trellis/store';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, createImportJob, resumeImportJobs, uuidv7Ids } from '../../src/index';
import { loadEducationSpec } from '../fixtures/education';
import { bundleThread } from '@trellis/tooling/thread-bundle';

const ROWS = 3_000;
const dir = mkdtempSync(join(tmpdir(), 'trellis-import-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const actor = { kind: 'user' as const, userId: 'u-ops', role: 'admin' };

async function lastRow(store: Store, id: string): Promise<number> {
  return (await store.importJobs.get(id))?.lastRow ?? 0;
}

describe('an import killed with SIGKILL', () => {
  it(
    'resumes from its last committed batch: every row exactly once',
    { timeout: 240_000 },
    async () => {
      const db = join(dir, 'trellis.db');
      const csv = join(dir, 'leads.csv');
      const lines = ['姓名,手机号,来源渠道'];
      for (let i = 0; i < ROWS; i++) lines.push(`学员${i},139${String(i).padStart(8, '0')},抖音`);
      writeFileSync(csv, `${lines.join('\r\n')}\r\n`);
      let store = await openStore({ url: db });
      const published = await store.specs.publish({
        spec: loadEducationSpec(),
        note: 'test',
        locale: 'en',
      });
      expect(published.ok).toBe(true);
      await store.users.insert(
        {
          id: 'u-ops',
          login: 'ops',
          name: 'ops',
          passwordHash: null,
          role: 'admin',
          status: 'active',
        },
        0,
      );
      const engine = createEngine({ store, ids: uuidv7Ids });
      const job = await createImportJob(engine, {
        entity: 'lead',
        fileName: 'leads.csv',
        filePath: csv,
        options: {
          mapping: { 0: 'name', 1: 'phone', 2: 'source' },
          dedupe: 'create',
          locale: 'en',
          actor,
        },
        dryRun: false,
      });

      // The import process from this package's source, bundled (booting tsx and compiling the
      // engine's sources took 3.3–4.6 s of CPU).
      const bundle = await bundleThread(new URL('./support/import-child.ts', import.meta.url));
      const child = spawn(process.execPath, [bundle.path, db, job.id], { stdio: 'inherit' });
      const exited = new Promise((r) => child.once('exit', r));
      try {
        // Kill it once a few batches have committed, well before the end.
        while ((await lastRow(store, job.id)) < 500) {
          if (child.exitCode !== null)
            throw new Error('the import process ended before it was killed');
          await new Promise((r) => setTimeout(r, 25));
        }
      } finally {
        child.kill('SIGKILL');
        await exited;
        bundle.remove();
      }
      const killedAt = await store.importJobs.get(job.id);
      expect(killedAt).toMatchObject({ status: 'running' });
      expect(killedAt!.lastRow).toBeLessThan(ROWS + 1);
      const before = await store.tables.count('e_lead');
      // Rows and checkpoint commit together: what is stored is exactly the checkpointed rows.
      expect(before).toBe(killedAt!.created);
      expect(before).toBe(killedAt!.lastRow - 1);

      await store.close();
      store = await openStore({ url: db });
      await resumeImportJobs(createEngine({ store, ids: uuidv7Ids }), { batchSize: 500 });
      const done = await store.importJobs.get(job.id);
      // dedupe "create": a row written twice would have failed as a duplicate.
      expect(done).toMatchObject({ status: 'done', rowsDone: ROWS, created: ROWS, failed: 0 });
      const phones = (await store.tables.rows('e_lead')).map((r) => r.phone);
      expect(phones).toHaveLength(ROWS);
      expect(new Set(phones).size).toBe(ROWS);
      await store.close();
    },
  );
});
