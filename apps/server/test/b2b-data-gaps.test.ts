import { mkdtempSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppSpec } from '@trellis/spec';
import { openStore, type Store } from '@trellis/store';
import { applyTemplate, bundleTemplate, seedProfiles, seedWorkspace } from '../src/index';
import { hashPassword } from '../src/auth/password';
import { httpHarness, cookieOf } from './http-harness';

// Seed 003's monthly data-gap scan: "列出所有缺失最后联系日期或下次跟进计划的记录，按销售分组，
// 可导出". The data-gaps view lists owned customers with either gap; grouped by owner it gives
// each rep's count, and its export holds exactly those customers under their rep's name.
const TEMPLATE = join(dirname(fileURLToPath(import.meta.url)), '../../../templates/b2b-sales');
const NOW = Date.UTC(2026, 11, 1, 2);
let dir: string;
let store: Store;
let h: Awaited<ReturnType<typeof httpHarness>>;
let customers: Record<string, unknown>[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'b2b-gaps-'));
  store = await openStore({ url: join(dir, 'trellis.db') });
  const b = bundleTemplate(TEMPLATE);
  if (!b.ok) throw new Error(JSON.stringify(b.errors));
  const r = await applyTemplate(store, {
    name: 'b2b-sales',
    version: b.manifest.version,
    spec: b.spec,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const spec = (await store.specs.live())!.spec as AppSpec;
  const report = await seedWorkspace(store, spec, seedProfiles['b2b-sales']!, {
    records: 600,
    seed: 11,
    now: NOW,
  });
  expect(report.refused).toBe(0);
  customers = [];
  let cursor: string | null = null;
  do {
    const page = await store.records(spec).list('customer', { limit: 1000, cursor });
    if (!page.ok) throw new Error(page.error.message);
    customers.push(...page.value.records);
    cursor = page.value.nextCursor;
  } while (cursor);
  h = await httpHarness({ store });
  // The seed's people have no password; give the two readers one.
  const hash = await hashPassword('pass-word-1');
  for (const login of ['zhao.min', 'sun.li']) {
    const user = (await store.users.byLogin(login))!;
    await h.app.ctx.users.update(user.id, { passwordHash: hash }, NOW);
  }
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(login: string): Promise<string> {
  const res = await h.request('/api/v1/auth/login', {
    method: 'POST',
    json: { login, password: 'pass-word-1' },
  });
  expect(res.status).toBe(200);
  return cookieOf(res);
}
const get = (path: string, cookie: string) =>
  h.request(path, { headers: { cookie, 'accept-language': 'zh-CN' } });

const empty = (v: unknown) => v === null || v === undefined || v === '';
/** The gaps by the rows: owned, and no last contact date or no next follow-up plan. */
const gaps = (team?: string) =>
  customers.filter(
    (c) =>
      !empty(c.ownerId) &&
      (team === undefined || c.teamId === team) &&
      (empty(c.lastContactAt) || empty(c.nextFollowUpPlan)),
  );
function byOwner(list: Record<string, unknown>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of list) out[c.ownerId as string] = (out[c.ownerId as string] ?? 0) + 1;
  return out;
}

describe('the b2b monthly data-gap list', () => {
  it('groups the gaps by rep for the VP and a team lead, as a count of the rows does', async () => {
    const all = gaps();
    // A real share of a seeded year, not none and not all.
    expect(all.length).toBeGreaterThan(20);
    expect(all.length).toBeLessThan(customers.length / 2);
    for (const [login, team] of [
      ['zhao.min', undefined],
      ['sun.li', 'east'],
    ] as const) {
      const cookie = await signIn(login);
      const res = await get('/api/v1/views/data-gaps/groups?by=ownerId', cookie);
      expect(res.status).toBe(200);
      const groups = ((await res.json()) as { groups: { value: string; count: number }[] }).groups;
      const counted = Object.fromEntries(groups.map((g) => [g.value, g.count]));
      expect(counted, login).toEqual(byOwner(gaps(team)));
      // Several reps, each with their own number (the scan is a per-rep list).
      expect(Object.keys(counted).length).toBeGreaterThanOrEqual(team ? 3 : 7);
    }
  });

  it('exports exactly the gap customers, each under its rep’s name', async () => {
    const cookie = await signIn('zhao.min');
    const res = await get('/api/v1/records/customer/export?format=xlsx&view=data-gaps', cookie);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.read(Readable.from(Buffer.from(await res.arrayBuffer())));
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => {
      expect(header).toContain(name);
      return header.indexOf(name) + 1;
    };
    const [idCol, ownerCol] = [col('编号'), col('负责人')];
    const cells: { id: string; owner: string }[] = [];
    for (let r = 2; r <= ws.rowCount; r++)
      cells.push({
        id: String(ws.getRow(r).getCell(idCol).value),
        owner: String(ws.getRow(r).getCell(ownerCol).value),
      });
    const want = gaps();
    expect(cells.map((c) => c.id).sort()).toEqual(want.map((c) => c.id as string).sort());
    // The rep's name, as the list shows it, not a user id.
    const names = new Map<string, string>();
    for (const u of await store.users.list()) names.set(u.id, u.name ?? u.login);
    const exported: Record<string, number> = {};
    for (const c of cells) exported[c.owner] = (exported[c.owner] ?? 0) + 1;
    expect(exported).toEqual(
      Object.fromEntries(Object.entries(byOwner(want)).map(([id, n]) => [names.get(id)!, n])),
    );
  });

  it('lists under "no contact for 7 days" exactly the customers the stale widget counts, per rep', async () => {
    const cookie = await signIn('zhao.min');
    type Row = { key: string; values: Record<string, { value: number }> };
    const staleRows = async () => {
      const widget = await get('/api/v1/dashboards/customer-health/widgets/staleFollowUps', cookie);
      expect(widget.status).toBe(200);
      return ((await widget.json()) as { rows: Row[] }).rows;
    };
    // The seed's customers are dated from a fixed day and the widget counts from today, so how
    // many of them are never contacted for 7 days grows with the calendar: count from there.
    const neverContacted = (rows: Row[]) =>
      rows.find((r) => r.key === '$total')!.values.neverContacted!.value;
    const before = neverContacted(await staleRows());
    // Two customers nobody has contacted yet: one came in 10 days ago (stale), one today (not yet).
    const spec = (await store.specs.live())!.spec as AppSpec;
    const rep = customers.find((c) => !empty(c.ownerId))!;
    for (const [name, at] of [
      ['未联系的老客户', Date.now() - 10 * 86_400_000],
      ['今天来的新客户', Date.now()],
    ] as const) {
      const r = await store.records(spec).insert(
        'customer',
        {
          companyName: name,
          ownerId: rep.ownerId,
          teamId: rep.teamId,
          createdAt: at,
          lastActivityAt: null,
        },
        { now: at },
      );
      expect(r.ok).toBe(true);
    }
    const rows = await staleRows();
    const stale = Object.fromEntries(
      rows
        .filter((r) => r.key !== '$total' && r.values.stale!.value > 0)
        .map((r) => [r.key, r.values.stale!.value]),
    );
    // The one never contacted for 10 days is counted: the view must list it too.
    expect(neverContacted(rows)).toBe(before + 1);
    const res = await get('/api/v1/views/stale-7d/groups?by=ownerId', cookie);
    expect(res.status).toBe(200);
    const groups = ((await res.json()) as { groups: { value: string; count: number }[] }).groups;
    expect(Object.fromEntries(groups.map((g) => [g.value, g.count]))).toEqual(stale);
  });
});
