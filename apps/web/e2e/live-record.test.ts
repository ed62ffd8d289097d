import { describe, expect, it } from 'vitest';
import { apiSession } from './harness/api-session';
import { newPage, openBrowser, shot, signIn } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();

type Lead = { id: string; name: string; version: number; ownerId: string; stage: string };
type Option = { value: string };
type Field = { key: string; options?: Option[] };

describe('an open record page follows the changes of others', () => {
  it("zh-CN: a supervisor's field edit, stage move and follow-up show on the rep's open record without a reload", async () => {
    const admin = await apiSession(server, server.login('admin').login);
    const rep = server.login('sales');
    const users = await admin<{ items: { id: string; login: string }[] }>(
      'GET',
      '/api/v1/users?limit=200',
    );
    const repId = users.items.find((u) => u.login === rep.login)!.id;
    // One of the rep's own leads still at the first stage (other tests move leads they make).
    const filter = {
      and: [{ '==': [{ var: 'stage' }, 'new'] }, { '==': [{ var: 'ownerId' }, repId] }],
    };
    const found = await admin<{ items: Lead[] }>(
      'GET',
      `/api/v1/records/lead?limit=20&filter=${encodeURIComponent(JSON.stringify(filter))}`,
    );
    const lead = found.items.at(-1);
    if (!lead) throw new Error(`no lead of ${rep.login} at the first stage left in the demo`);
    // The values the next stage requires, the first option of each (from the live spec).
    const { spec } = await admin<{ spec: { entities: { key: string; fields: Field[] }[] } }>(
      'GET',
      '/api/v1/spec',
    );
    const fields = spec.entities.find((e) => e.key === 'lead')!.fields;
    const first = (key: string) => fields.find((f) => f.key === key)!.options![0]!.value;

    const browser = await openBrowser('zh-CN');
    try {
      const page = await newPage(browser);
      await signIn(page, server.url, rep.login, rep.password);
      await page.goto(`${server.url}/records/lead/${lead.id}`);
      await page.getByRole('heading', { name: lead.name, exact: true }).waitFor();
      // The timeline has loaded (the live stream is open by then: it starts with the shell).
      await page.locator('.ant-timeline').first().waitFor();
      // A mark that a reload would wipe out.
      await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));
      const current = page.locator(
        '.trellis-stagebar .ant-steps-item-process, .trellis-stagebar .ant-steps-item-active',
      );
      await current.getByText('潜在客户').waitFor();

      // 1. A field edited elsewhere: the details show the new value.
      const wechat = `live-${Date.now() % 1_000_000}`;
      const edited = await admin<Lead>('PATCH', `/api/v1/records/lead/${lead.id}`, {
        wechatId: wechat,
        version: lead.version,
      });
      await page.locator('.trellis-record-fields').getByText(wechat, { exact: true }).waitFor();

      // 2. A stage move elsewhere (with the fields the stage requires): the stage bar and the
      // header's tag follow, and the new stage's fields are in the details.
      await admin('POST', `/api/v1/records/lead/${lead.id}/stage`, {
        stage: 'qualified',
        version: edited.version,
        values: {
          course: first('course'),
          budgetRange: first('budgetRange'),
          decisionCycle: first('decisionCycle'),
        },
      });
      await current.getByText('需求确认').waitFor();
      await page.locator('.trellis-page-title .ant-tag').getByText('需求确认').waitFor();
      expect(await current.getByText('潜在客户').count()).toBe(0);

      // 3. A follow-up logged elsewhere: it is on the timeline.
      const note = `主管代为记录：已电话沟通 ${wechat}`;
      await admin('POST', `/api/v1/records/lead/${lead.id}/activities`, {
        type: 'call',
        body: note,
      });
      await page.locator('.ant-timeline').getByText(note).first().waitFor();

      expect(await page.evaluate(() => 'stillTheSamePage' in window)).toBe(true);
      expect(new URL(page.url()).pathname).toBe(`/records/lead/${lead.id}`);
      await shot(page, 'record-live-zh-CN-desktop');
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  }, 120_000);
});
