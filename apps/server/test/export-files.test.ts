import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { fullStack } from './stack';

const sys = { actor: { kind: 'system' as const }, via: 'import' as const };

async function stackWithLeads(n: number) {
  const s = await fullStack();
  const mgr = await s.signIn('mgr', 'manager');
  for (let i = 0; i < n; i++) {
    const res = await s.engine.records.create(
      'lead',
      {
        name: i === 0 ? '=1+2' : `学员${i}`,
        phone: `+86139${String(i).padStart(8, '0')}`,
        source: 'douyin',
        quotedAmount: 1_250_050,
        ownerId: mgr.id,
      },
      sys,
    );
    if (!res.ok) throw new Error(JSON.stringify(res.error));
  }
  return { s, mgr };
}

describe('export files', () => {
  it('streams every page as GB18030 CSV with labels, option labels and neutralised formulas', async () => {
    const { s, mgr } = await stackWithLeads(1_203);
    const res = await s.request('/api/v1/records/lead/export?format=csv-gbk', {
      cookie: mgr.cookie,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/gb18030/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const lines = iconv.decode(bytes, 'gb18030').trim().split('\r\n');
    expect(lines).toHaveLength(1_204);
    expect(lines[0]).toMatch(
      /^"编号","阶段","负责人","团队","创建时间","更新时间","姓名","手机号"/,
    );
    const first = lines.find((l) => l.includes('=1+2'))!;
    expect(first).toContain(`"'=1+2"`);
    expect(first).toContain('"抖音"');
    expect(first).toContain('"12500.5"');
  });

  it('writes the stage, owner and team as the list shows them, names in either language, not keys or ids', async () => {
    const { s, mgr } = await stackWithLeads(2);
    const team = (await s.store.teams.list())[0]!;
    const leads = await s.engine.records.list('lead', { limit: 10 }, { actor: { kind: 'system' } });
    if (!leads.ok) throw new Error('list failed');
    const moved = await s.engine.records.update(
      'lead',
      leads.records[0]!.id as string,
      { teamId: team.key },
      sys,
    );
    expect(moved.ok).toBe(true);
    const owner = (await s.store.users.byId(mgr.id))!;
    const pipeline = s.spec.pipelines!.find((p) => p.entity === 'lead')!;
    const first = pipeline.stages[0]!;
    for (const [lang, col] of [
      ['zh-CN', 'zh-CN'],
      ['en', 'en'],
    ] as const) {
      const res = await s.request('/api/v1/records/lead/export?format=csv', {
        cookie: mgr.cookie,
        headers: { 'accept-language': lang },
      });
      expect(res.status).toBe(200);
      const rows = (await res.text())
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')
        .map((l) => l.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((c) => c.replace(/^"|"$/g, '')));
      const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
      for (const lead of leads.records) {
        const [, stage, ownerCell] = byId.get(lead.id as string)!;
        expect(stage).toBe((first.label as Record<string, string>)[col]);
        expect(ownerCell).toBe(owner.name);
      }
      const teamCell = byId.get(leads.records[0]!.id as string)![3];
      expect(teamCell).toBe((team.label as Record<string, string>)[col]);
      expect(teamCell).not.toBe(team.key);
    }
  });

  it('writes a region by its names in the reader’s language, as the list shows it, not its code', async () => {
    const { s, mgr } = await stackWithLeads(0);
    const created = await s.engine.records.create(
      'lead',
      { name: '区县', phone: '+8613900000001', source: 'douyin', city: '330100', ownerId: mgr.id },
      sys,
    );
    expect(created.ok).toBe(true);
    const cells = async (lang: string) => {
      const res = await s.request('/api/v1/records/lead/export?format=csv', {
        cookie: mgr.cookie,
        headers: { 'accept-language': lang },
      });
      expect(res.status).toBe(200);
      return (await res.text()).trim().split('\r\n')[1]!;
    };
    expect(await cells('zh-CN')).toContain('"浙江省 杭州市"');
    const en = await cells('en');
    expect(en).toContain('"Hangzhou, Zhejiang"');
    expect(en).not.toContain('330100');
    expect(en).not.toMatch(/杭州/);
  });

  it('writes XLSX a spreadsheet opens, without hidden fields, for the export capability only', async () => {
    const { s, mgr } = await stackWithLeads(3);
    const res = await s.request('/api/v1/records/lead/export?format=xlsx', {
      cookie: mgr.cookie,
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/\.xlsx"$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.read(Readable.from(Buffer.from(await res.arrayBuffer())));
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(4);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('Name');
    expect(header).toContain('Source channel');
    const nameCol = header.indexOf('Name') + 1;
    const names = [2, 3, 4].map((r) => ws.getRow(r).getCell(nameCol).value);
    // A string cell, never a formula.
    expect(names).toContain('=1+2');
    expect(
      [2, 3, 4].every((r) => ws.getRow(r).getCell(nameCol).type === ExcelJS.ValueType.String),
    ).toBe(true);

    // A sales rep cannot export (columns come from the same visible fields as CSV: see redaction-surfaces).
    const rep = await s.signIn('rep', 'sales');
    expect(
      (await s.request('/api/v1/records/lead/export?format=xlsx', { cookie: rep.cookie })).status,
    ).toBe(403);
    const bad = await s.request('/api/v1/records/lead/export?format=pdf', { cookie: mgr.cookie });
    expect(bad.status).toBe(400);
  });

  it("exports a view's rows in its order, the list's search on top, and refuses a view that is not the caller's", async () => {
    const { s, mgr } = await stackWithLeads(12);
    const created = await s.request('/api/v1/views', {
      method: 'POST',
      cookie: mgr.cookie,
      json: {
        entity: 'lead',
        label: '名字含1',
        type: 'list',
        columns: ['name'],
        filter: { in: ['1', { var: 'name' }] },
        sort: [{ field: 'name', dir: 'desc' }],
      },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const view = (await created.json()) as { key: string };
    const names = async (url: string) => {
      const res = await s.request(url, { cookie: mgr.cookie });
      expect(res.status, await res.clone().text()).toBe(200);
      return ((await res.json()) as { items: { name: string }[] }).items.map((r) => r.name);
    };
    const shown = await names(`/api/v1/views/${view.key}/records?limit=100`);
    expect(shown).toEqual(['学员11', '学员10', '学员1', '=1+2']);
    expect(await names(`/api/v1/records/lead/export?format=json&view=${view.key}`)).toEqual(shown);
    const q = encodeURIComponent('学员11');
    expect(await names(`/api/v1/records/lead/export?format=json&view=${view.key}&q=${q}`)).toEqual([
      '学员11',
    ]);
    // Another person's view is not theirs to export through.
    const other = await s.signIn('mgr2', 'manager');
    const refused = await s.request(`/api/v1/records/lead/export?format=csv&view=${view.key}`, {
      cookie: other.cookie,
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain('/view');
  });

  it('writes every export to the audit trail that admins read and reps cannot', async () => {
    const { s, mgr } = await stackWithLeads(1_203);
    const filter = JSON.stringify({ '==': [{ var: 'source' }, 'douyin'] });
    const csv = await s.request(
      `/api/v1/records/lead/export?format=csv&view=my-leads&filter=${encodeURIComponent(filter)}`,
      { cookie: mgr.cookie },
    );
    expect(csv.status).toBe(200);
    await csv.arrayBuffer();
    const xlsx = await s.request('/api/v1/records/lead/export?format=xlsx&q=学员1', {
      cookie: mgr.cookie,
    });
    await xlsx.arrayBuffer();

    const admin = await s.signIn('root', 'admin');
    const res = await s.request('/api/v1/exports?limit=1', { cookie: admin.cookie });
    expect(res.status).toBe(200);
    const first = (await res.json()) as { items: Record<string, unknown>[]; nextCursor: string };
    // Newest first: the XLSX search (学员1, 学员10..19, 学员100..199, 学员1000..1202).
    expect(first.items).toEqual([
      expect.objectContaining({
        userId: mgr.id,
        entity: 'lead',
        view: null,
        filter: null,
        q: '学员1',
        format: 'xlsx',
        rows: 1 + 10 + 100 + 203,
      }),
    ]);
    const next = await s.request(`/api/v1/exports?cursor=${first.nextCursor}`, {
      cookie: admin.cookie,
    });
    const rest = (await next.json()) as { items: Record<string, unknown>[] };
    // Every lead has source douyin: all 1,203 rows over two pages of the export.
    expect(rest.items).toEqual([
      expect.objectContaining({
        userId: mgr.id,
        view: 'my-leads',
        filter,
        q: null,
        format: 'csv',
        rows: 1_203,
        at: expect.any(Number),
      }),
    ]);

    // Not for a sales rep, nor for a manager who may export but does not manage users.
    const rep = await s.signIn('rep', 'sales');
    expect((await s.request('/api/v1/exports', { cookie: rep.cookie })).status).toBe(403);
    expect((await s.request('/api/v1/exports', { cookie: mgr.cookie })).status).toBe(403);
    const bad = await s.request('/api/v1/exports?cursor=nope', { cookie: admin.cookie });
    expect(bad.status).toBe(400);
  });
});
