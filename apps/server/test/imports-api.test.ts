import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fullStack } from './stack';

const DATA = join(import.meta.dirname, '../../../packages/engine/test-data/import');
const dir = mkdtempSync(join(tmpdir(), 'trellis-imports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Stack = Awaited<ReturnType<typeof fullStack>>;
type Job = {
  id: string;
  status: string;
  created: number;
  skipped: number;
  failed: number;
  updated: number;
};

async function upload(s: Stack, cookie: string, file: string, lang = 'zh-CN') {
  return s.request(`/api/v1/imports/uploads?entity=lead&name=${encodeURIComponent(file)}`, {
    method: 'POST',
    cookie,
    body: readFileSync(join(DATA, file)),
    headers: { 'content-type': 'application/octet-stream', 'accept-language': lang },
  });
}

async function finished(s: Stack, cookie: string, id: string): Promise<Job> {
  for (let i = 0; i < 200; i++) {
    const job = (await (await s.request(`/api/v1/imports/${id}`, { cookie })).json()) as Job;
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

describe('import API', () => {
  it('uploads a GBK file, dry-runs, runs, streams progress and gives back the failed rows', async () => {
    const s = await fullStack({ filesDir: dir, importPollMs: 20 });
    const { cookie } = await s.signIn('ops', 'admin');
    const res = await upload(s, cookie, 'leads-gbk.csv');
    expect(res.status).toBe(201);
    const { upload: up, preview } = (await res.json()) as {
      upload: { id: string };
      preview: { facts: { encoding: string }; mapping: Record<string, string>; sample: unknown[] };
    };
    expect(preview.facts.encoding).toBe('gb18030');
    expect(preview.mapping).toMatchObject({ 0: 'name', 1: 'phone', 3: 'source' });
    expect(preview.sample).toHaveLength(7);

    const start = (dryRun: boolean) =>
      s.request('/api/v1/imports', {
        method: 'POST',
        cookie,
        json: { upload: up.id, entity: 'lead', mapping: preview.mapping, dedupe: 'skip', dryRun },
      });
    const dry = (await (await start(true)).json()) as Job;
    expect(await finished(s, cookie, dry.id)).toMatchObject({
      status: 'done',
      created: 4,
      skipped: 1,
      failed: 2,
    });
    expect(await s.store.tables.count('e_lead')).toBe(0);
    const rows = (await (await s.request(`/api/v1/imports/${dry.id}/rows`, { cookie })).json()) as {
      items: { row: number; outcome: string }[];
    };
    expect(rows.items).toHaveLength(7);

    const started = await start(false);
    expect(started.status).toBe(202);
    const job = (await started.json()) as Job;
    const events = await (await s.request(`/api/v1/imports/${job.id}/events`, { cookie })).text();
    expect(events).toMatch(/event: end\ndata: .*"status":"done"/);
    expect(await s.store.tables.count('e_lead')).toBe(4);

    const report = await s.request(`/api/v1/imports/${job.id}/errors.csv`, { cookie });
    expect(report.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await report.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // Excel reads Chinese right
    const text = new TextDecoder().decode(bytes);
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe(
      '"姓名","手机号","微信号","来源渠道","意向课程","所在城市","年龄","首次接触时间","备注","失败原因"',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^"王芳","1391234567",.*"手机号：/);
    expect(lines[2]).toMatch(/^"陈静",.*"来源渠道：/);

    // The finished run took the uploaded file away (the dry run kept it for the run): its bytes,
    // then its side file, so both are waited for (CI once read the side file between the two).
    const left = () =>
      existsSync(join(dir, 'imports', up.id)) || existsSync(join(dir, 'imports', `${up.id}.json`));
    for (let i = 0; i < 500 && left(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(join(dir, 'imports', up.id))).toBe(false);
    expect(existsSync(join(dir, 'imports', `${up.id}.json`))).toBe(false);
    expect((await start(false)).status).toBe(422);
  });

  it('refuses what cannot be imported, in the caller language, and keeps jobs private', async () => {
    const s = await fullStack({ filesDir: dir });
    const { cookie } = await s.signIn('ops2', 'admin');
    const binary = await upload(s, cookie, 'picture.csv', 'en');
    expect(binary.status).toBe(422);
    expect(binary.headers.get('content-type')).toMatch(/problem\+json/);
    expect(await binary.json()).toMatchObject({
      errors: [
        { path: '/file', code: 'import.binary', message: expect.stringMatching(/not CSV text/) },
      ],
    });
    const empty = await upload(s, cookie, 'empty.csv');
    expect(await empty.json()).toMatchObject({
      errors: [{ code: 'import.empty', message: '文件是空的' }],
    });

    const ok = (await (await upload(s, cookie, 'leads-gbk.csv')).json()) as {
      upload: { id: string };
    };
    const bad = await s.request('/api/v1/imports', {
      method: 'POST',
      cookie,
      json: {
        upload: ok.upload.id,
        entity: 'lead',
        mapping: { 0: 'name', 1: 'name', 2: 'nope' },
        dedupe: 'merge',
      },
    });
    expect(bad.status).toBe(422);
    const problem = (await bad.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors.map((e) => e.path).sort()).toEqual([
      '/dedupe',
      '/mapping/1',
      '/mapping/2',
    ]);
    expect(problem.errors.find((e) => e.path === '/mapping/1')!.message).toBe(
      '字段“name”被选了两次',
    );

    // A sales rep has no import capability; another importer cannot see my jobs or uploads.
    const rep = await s.signIn('rep', 'sales');
    expect((await upload(s, rep.cookie, 'leads-gbk.csv')).status).toBe(403);
    const job = (await (
      await s.request('/api/v1/imports', {
        method: 'POST',
        cookie,
        json: {
          upload: ok.upload.id,
          entity: 'lead',
          mapping: { 0: 'name', 1: 'phone', 3: 'source' },
          dedupe: 'skip',
          dryRun: true,
        },
      })
    ).json()) as Job;
    const other = await s.signIn('mkt', 'marketing');
    expect((await s.request(`/api/v1/imports/${job.id}`, { cookie: other.cookie })).status).toBe(
      404,
    );
    expect(
      (await s.request(`/api/v1/imports/${job.id}/errors.csv`, { cookie: other.cookie })).status,
    ).toBe(404);
    const reuse = await s.request('/api/v1/imports', {
      method: 'POST',
      cookie: other.cookie,
      json: { upload: ok.upload.id, entity: 'lead', mapping: { 0: 'name' }, dedupe: 'skip' },
    });
    expect(reuse.status).toBe(422);
    await finished(s, cookie, job.id);
  });

  it('lists the values of mapped select columns for the value step, to the uploader only, and refuses a mapping to a non-option', async () => {
    const s = await fullStack({ filesDir: dir, importPollMs: 20 });
    const { cookie } = await s.signIn('ops3', 'admin');
    const { upload: up } = (await (await upload(s, cookie, 'leads-gbk.csv', 'en')).json()) as {
      upload: { id: string };
    };
    const values = (json: unknown, c = cookie) =>
      s.request(`/api/v1/imports/uploads/${up.id}/values`, {
        method: 'POST',
        cookie: c,
        json,
        headers: { 'accept-language': 'en' },
      });
    const res = await values({ entity: 'lead', mapping: { 0: 'name', 3: 'source' } });
    expect(res.status).toBe(200);
    const { columns } = (await res.json()) as {
      columns: { field: string; values: { text: string; rows: number; option: string | null }[] }[];
    };
    expect(columns.map((c) => c.field)).toEqual(['source']);
    expect(columns[0]!.values).toContainEqual({ text: '抖音', rows: 2, option: 'douyin' });
    expect(columns[0]!.values).toContainEqual({ text: '小红书', rows: 1, option: null });

    const bad = await values({ entity: 'lead', mapping: ['name'] });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('/mapping');
    const other = await s.signIn('ops4', 'admin');
    expect((await values({ entity: 'lead', mapping: { 3: 'source' } }, other.cookie)).status).toBe(
      404,
    );
    const rep = await s.signIn('rep2', 'sales');
    expect((await values({ entity: 'lead', mapping: { 3: 'source' } }, rep.cookie)).status).toBe(
      403,
    );

    const start = await s.request('/api/v1/imports', {
      method: 'POST',
      cookie,
      headers: { 'accept-language': 'en' },
      json: {
        upload: up.id,
        entity: 'lead',
        mapping: { 0: 'name', 1: 'phone', 3: 'source' },
        values: { source: { 小红书: 'redbook' } },
        dedupe: 'skip',
        dryRun: true,
      },
    });
    expect(start.status).toBe(422);
    expect(((await start.json()) as { errors: unknown[] }).errors).toEqual([
      {
        path: '/values/source/小红书',
        code: 'invalid_option',
        message: '"小红书" is mapped to "redbook", which is not an option of field "source"',
      },
    ]);
  });
});
