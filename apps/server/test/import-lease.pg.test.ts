import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import {
  createEngine,
  createImportJob,
  previewImport,
  runImportJob,
  uuidv7Ids,
  type Engine,
} from '@trellis/engine';
import { openStore, type Store } from '@trellis/store';
import { createTestDatabase, dropTestDatabase } from '@trellis/tooling/pg';
import { educationSpec } from './stack';

// Two server processes on one PostgreSQL database, as two stores (two connection pools) and two
// engines: the import job's lease lets only one of them run it, and passes it on when its holder
// stops checkpointing. Runs in the postgres project only (SQLite has one writing process).
const ROWS = 1_200;
const dir = mkdtempSync(join(tmpdir(), 'trellis-lease-'));

/** A GBK CSV of ROWS leads whose phone numbers start at `from` (each file its own people). */
function leadsFile(name: string, from: number): string {
  const lines = ['姓名,手机号,来源渠道'];
  for (let i = from; i < from + ROWS; i++)
    lines.push(`学员${i},139${String(i).padStart(8, '0')},抖音`);
  const path = join(dir, name);
  writeFileSync(path, iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk'));
  return path;
}

const stores: Store[] = [];
let url: string | null = null;
afterAll(async () => {
  for (const s of stores) await s.close();
  if (url) await dropTestDatabase(url);
  rmSync(dir, { recursive: true, force: true });
});

const actor = { kind: 'user' as const, userId: 'u-ops', role: 'admin' };

async function twoProcesses() {
  url = await createTestDatabase('lease');
  if (!url) throw new Error('the postgres project needs the PostgreSQL test server');
  const a = await openStore({ url });
  const b = await openStore({ url });
  stores.push(a, b);
  const published = await a.specs.publish({ spec: educationSpec(), now: Date.now() });
  if (!published.ok) throw new Error(JSON.stringify(published.errors.slice(0, 3)));
  await a.users.insert(
    { id: 'u-ops', login: 'ops', name: 'ops', passwordHash: null, role: 'admin', status: 'active' },
    0,
  );
  let skew = 0;
  const clockB = { now: () => Date.now() + skew };
  return {
    a: createEngine({ store: a, ids: uuidv7Ids }),
    b: createEngine({ store: b, ids: uuidv7Ids, clock: clockB }),
    later: (ms: number) => (skew += ms),
  };
}

async function newJob(engine: Engine, file: string) {
  const preview = await previewImport(engine, 'lead', file, {});
  return createImportJob(engine, {
    entity: 'lead',
    fileName: 'leads.csv',
    filePath: file,
    options: { mapping: preview!.mapping, dedupe: 'create', locale: 'zh-CN', actor },
    dryRun: false,
  });
}

/** Leads in the database and how many distinct phone numbers they have. */
async function leads(store: Store): Promise<{ rows: number; phones: number }> {
  const spec = (await store.specs.live())!.spec;
  const phones: unknown[] = [];
  let cursor: string | null = null;
  do {
    const res = await store.records(spec).list('lead', { limit: 1_000, cursor });
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    phones.push(...res.value.records.map((r) => r.phone));
    cursor = res.value.nextCursor;
  } while (cursor);
  return { rows: phones.length, phones: new Set(phones).size };
}

describe('import job lease on PostgreSQL', () => {
  it('lets one of two processes run a job; the other leaves it; every row once', async () => {
    const { a, b, later } = await twoProcesses();
    const job = await newJob(a, leadsFile('first.csv', 0));
    const [ra, rb] = await Promise.all([
      runImportJob(a, job.id, { batchSize: 100 }),
      runImportJob(b, job.id, { batchSize: 100 }),
    ]);
    const ends = [ra?.status, rb?.status].sort();
    // One ran it to the end; the other found it leased and returned it as it was.
    expect(ends).toEqual(['done', 'running']);
    expect(await a.store.importJobs.get(job.id)).toMatchObject({
      status: 'done',
      created: ROWS,
      failed: 0,
    });
    expect(await leads(a.store)).toEqual({ rows: ROWS, phones: ROWS });

    // A job whose holder died mid-way: the other process takes it once the lease runs out.
    const second = await newJob(a, leadsFile('second.csv', ROWS));
    let batches = 0;
    await expect(
      runImportJob(a, second.id, {
        batchSize: 100,
        onProgress: () => {
          if (++batches === 3) throw new Error('process A died');
        },
      }),
    ).rejects.toThrow('process A died');
    const stopped = await b.store.importJobs.get(second.id);
    expect(stopped).toMatchObject({ status: 'running', created: 300 });
    // Still A's: B leaves it alone.
    expect(await runImportJob(b, second.id, { batchSize: 100 })).toMatchObject({
      status: 'running',
      created: 300,
    });
    // A minute later (B's clock) the lease has run out: B resumes after A's last checkpoint.
    later(61_000);
    expect(await runImportJob(b, second.id, { batchSize: 100 })).toMatchObject({
      status: 'done',
      rowsDone: ROWS,
      created: ROWS,
      failed: 0,
    });
    expect(await leads(b.store)).toEqual({ rows: 2 * ROWS, phones: 2 * ROWS });
  });
});
