import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './harness/api-session';
import { newPage, openBrowser, shot, signIn } from './harness/browser';
import { startTrellis, type RunningTrellis } from './harness/trellis';

// The demo's reps may delete nothing: this file runs its own demo server whose reps may delete
// their own leads (and so not the pool's they can see), leaving the shared server's spec alone.
let server: RunningTrellis;
beforeAll(async () => {
  server = await startTrellis();
  const admin = server.login('admin');
  const api = await apiSession(server, admin.login);
  const { spec } = await api<{ spec: { roles: Record<string, unknown>[] } }>('GET', '/api/v1/spec');
  const roles = spec.roles.map((r) => {
    if (r.key !== 'sales') return r;
    const entities = r.entities as Record<string, Record<string, unknown>>;
    return { ...r, entities: { ...entities, lead: { ...entities.lead, delete: 'own' } } };
  });
  await api('POST', '/api/v1/spec/publish', {
    spec: { ...spec, roles },
    note: 'browser test: reps delete their own leads',
  });
}, 120_000);
afterAll(() => server?.stop());

// (Ant Design puts a space between the two characters of a two-character Chinese button.)
type Lead = { id: string; name: string; ownerId: string | null; stage: string };

describe('bulk delete in the list', () => {
  it('zh-CN: a rep deletes two selected leads; their own goes, the pool lead they may not delete is refused by name and stays', async () => {
    const rep = server.login('sales');
    const api = await apiSession(server, rep.login);
    const me = await api<{ user: { id: string } }>('GET', '/api/v1/me');
    const first = async (view: string) =>
      (await api<{ items: Lead[] }>('GET', `/api/v1/views/${view}/records?limit=1`)).items[0]!;
    const own = await first('my-leads');
    const pooled = await first('lead-pool');
    expect(own.ownerId).toBe(me.user.id);
    expect(pooled.ownerId).toBeNull();
    const status = async (id: string) =>
      (
        await fetch(`${server.url}/api/v1/records/lead/${id}`, {
          headers: { cookie: await cookieOf(rep.login, rep.password) },
        })
      ).status;

    const browser = await openBrowser('zh-CN');
    try {
      const page = await newPage(browser);
      await signIn(page, server.url, rep.login, rep.password);
      // The two leads only, as a link would list them.
      const filter = { in: [{ var: 'id' }, [own.id, pooled.id]] };
      await page.goto(
        `${server.url}/records/lead?view=all-leads&filter=${encodeURIComponent(JSON.stringify(filter))}`,
      );
      const rows = page.locator('.trellis-table-row');
      await expect.poll(() => rows.count()).toBe(2);
      await page.locator('.trellis-report-filter', { hasText: '按链接筛选' }).waitFor();
      for (let i = 0; i < 2; i++) await rows.nth(i).getByRole('checkbox').check();
      const bar = page.getByRole('region', { name: '批量操作' });
      await bar.getByText('已选 2 条').waitFor();
      await bar.getByRole('button', { name: /^删\s?除$/ }).click();
      const confirm = page.locator('.ant-popconfirm');
      await confirm.getByText('删除 2 条记录？').waitFor();
      await confirm.getByRole('button', { name: /^删\s?除$/ }).click();

      // One done, one refused: the refusal names the pool lead and says why.
      await page.getByText('已完成 1 条').waitFor();
      const refused = page.getByRole('dialog');
      await refused.getByText('1 条未修改').waitFor();
      const items = refused.locator('.ant-list-item');
      expect(await items.count()).toBe(1);
      await expect(items.locator('.ant-list-item-meta-title').innerText()).resolves.toBe(
        pooled.name,
      );
      // Not "not found": the rep sees the lead, and is told they may not delete it.
      await expect(items.locator('.ant-list-item-meta-description').innerText()).resolves.toContain(
        '权限',
      );
      await shot(page, 'list-bulk-delete-refused-zh-CN-desktop', { fullPage: false });
      await refused
        .locator('.ant-modal-footer')
        .getByRole('button', { name: /^关\s?闭$/ })
        .click();

      // The server agrees: the rep's lead is gone, the pool lead is still there, unchanged; the
      // list shows only it.
      expect(await status(own.id)).toBe(404);
      expect(await status(pooled.id)).toBe(200);
      const after = await api<Lead>('GET', `/api/v1/records/lead/${pooled.id}`);
      expect({ ownerId: after.ownerId, stage: after.stage }).toEqual({
        ownerId: null,
        stage: pooled.stage,
      });
      await expect.poll(() => rows.count()).toBe(1);
      await expect(rows.first().getByRole('link').first().innerText()).resolves.toBe(pooled.name);
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  }, 120_000);
});

/** A fresh session cookie (a 404 answer is what the test expects, so not through `apiSession`). */
async function cookieOf(login: string, password: string): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ login, password }),
  });
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}
