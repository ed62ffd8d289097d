import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { choose, pickFirst } from './harness/antd';
import { DESKTOP, newPage, openBrowser, PHONE, shot, signIn } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();

const TEXT = {
  en: {
    newButton: /New$/,
    newForm: 'New Lead',
    create: /^Create$/,
    required: /"Name" is required/,
    name: 'Name',
    phone: 'Mobile phone',
    next: /Needs confirmed/,
    nextLabel: 'Needs confirmed',
    moveTo: 'Move to…',
    refused: /Cannot move to/,
    stageFields: ['Course of interest', 'Budget range', 'Decision cycle'],
    saveAndMove: /Save and move/,
    edit: 'Edit',
    editForm: 'Edit the record',
    plan: 'Next follow-up plan',
    save: /^Save$/,
  },
  'zh-CN': {
    newButton: /新\s?建$/,
    newForm: '新建线索',
    create: /^新\s?建$/,
    required: /“姓名”为必填项/,
    name: '姓名',
    phone: '手机号',
    next: /需求确认/,
    nextLabel: '需求确认',
    moveTo: '移到…',
    refused: /暂不能进入/,
    stageFields: ['意向课程', '预算范围', '决策周期'],
    saveAndMove: /保存并进入/,
    edit: '编辑',
    editForm: '编辑记录',
    plan: '下次跟进计划',
    save: /^保\s?存$/,
  },
} as const;

type Locale = keyof typeof TEXT;

/** A unique mainland mobile number as people type it. */
function mobile(): string {
  const digits = String(Date.now()).slice(-8);
  return `137 ${digits.slice(0, 4)} ${digits.slice(4)}`;
}

/**
 * Creates a lead through the form (refused empty first, with the reason at the field), then
 * moves it to the next stage through the dialog of the fields that stage requires.
 */
async function createAndMove(
  page: Page,
  locale: Locale,
  tag: string,
  phone = false,
): Promise<string> {
  const text = TEXT[locale];
  await page.goto(`${server.url}/records/lead`);
  await page.getByRole('link', { name: text.newButton }).click();
  const form = page.getByRole('form', { name: text.newForm });
  await form.getByRole('button', { name: text.create }).click();
  await form.locator('[aria-invalid="true"]').first().waitFor();
  expect(await form.textContent()).toMatch(text.required);
  await shot(page, `create-errors-${tag}`);
  const name = `${locale === 'en' ? 'Test lead' : '测试线索'} ${Date.now() % 100000}`;
  await form.getByLabel(text.name, { exact: true }).fill(name);
  const typed = mobile();
  await form.getByLabel(text.phone, { exact: true }).fill(typed);
  await form.getByRole('button', { name: text.create }).click();
  await page.waitForURL((url) => /\/records\/lead\/(?!new$)[^/]+$/.test(url.pathname));
  await page.getByRole('heading', { name, exact: true }).waitFor();
  // The number reads as typed (its national form), and dials E.164.
  const tel = page.locator(`a[href="tel:+86${typed.replace(/ /g, '')}"]`);
  expect((await tel.innerText()).trim()).toBe(typed);

  // Wide: a step of the stage bar; phone: the stage picker.
  if (phone) await choose(page, page.getByLabel(text.moveTo), text.nextLabel, { acts: true });
  else await page.getByRole('button', { name: text.next }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(text.refused).waitFor();
  const stageForm = dialog.getByRole('form');
  await stageForm.getByLabel(text.stageFields[0], { exact: true }).waitFor();
  await shot(page, `stage-refused-${tag}`);
  for (const field of text.stageFields)
    await pickFirst(page, stageForm, field, dialog.getByText(text.refused));
  await stageForm.getByRole('button', { name: text.saveAndMove }).click();
  await dialog.waitFor({ state: 'hidden' }).catch(async (err: Error) => {
    await shot(page, `stage-move-failed-${tag}`);
    // What the dialog says (a field error, a conflict) is the reason; a bare timeout is not.
    throw new Error(`the stage dialog stayed open: ${await dialog.innerText()}`, { cause: err });
  });
  await page
    .locator(
      phone
        ? '.trellis-stagebar .ant-tag'
        : '.trellis-stagebar .ant-steps-item-process, .trellis-stagebar .ant-steps-item-active',
    )
    .getByText(text.next)
    .waitFor();
  await shot(page, `record-moved-${tag}`);
  return new URL(page.url()).pathname.split('/').pop()!;
}

/** Changes a record as another signed-in user would, through the API (with its version). */
async function changeElsewhere(context: BrowserContext, id: string, values: object) {
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/`);
    const status = await page.evaluate(
      async ({ id, values }) => {
        const path = `/api/v1/records/lead/${id}`;
        const current = (await (await fetch(path)).json()) as { version: number };
        const res = await fetch(path, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...values, version: current.version }),
        });
        return res.status;
      },
      { id, values },
    );
    expect(status).toBe(200);
  } finally {
    await page.close();
  }
}

describe('create, stage-move and edit forms in the web app', () => {
  it('en desktop: create, move with the required fields; an edit conflict (409) says so and keeps the input', async () => {
    const browser = await openBrowser('en');
    const manager = await openBrowser('en');
    try {
      const page = await newPage(browser, DESKTOP);
      const rep = server.login('sales');
      await signIn(page, server.url, rep.login, rep.password);
      const id = await createAndMove(page, 'en', 'en-desktop');

      const text = TEXT.en;
      await page.getByRole('button', { name: text.edit }).click();
      const form = page.getByRole('form', { name: text.editForm });
      const plan = form.getByLabel(text.plan, { exact: true });
      await plan.fill('Call back on Friday with the payment plan');
      // Save and Cancel stand apart: they touched ("SaveCancel", session 22's screenshots).
      const [saveBox, cancelBox] = await Promise.all(
        [text.save, 'Cancel'].map((name) => form.getByRole('button', { name }).boundingBox()),
      );
      expect(cancelBox!.x - (saveBox!.x + saveBox!.width)).toBeGreaterThanOrEqual(8);
      // Meanwhile the manager changes the same lead.
      const managerPage = await newPage(manager);
      const boss = server.login('manager');
      await signIn(managerPage, server.url, boss.login, boss.password);
      await changeElsewhere(manager, id, { nextFollowUpPlan: 'Manager: send the brochure' });

      // The page learns of the change live; the form keeps the version it opened on.
      await page.locator('.ant-timeline').getByText('Manager: send the brochure').waitFor();
      await form.getByRole('button', { name: text.save }).click();
      await form
        .getByText(/changed|conflict/i)
        .first()
        .waitFor();
      expect(await plan.inputValue()).toBe('Call back on Friday with the payment plan');
      await shot(page, 'record-conflict-en-desktop');
      // Nothing was overwritten: the manager's change is what the server holds.
      const stored = await page.evaluate(
        async (id) =>
          ((await (await fetch(`/api/v1/records/lead/${id}`)).json()) as Record<string, unknown>)
            .nextFollowUpPlan,
        id,
      );
      expect(stored).toBe('Manager: send the brochure');
      expect(page.pageErrors).toEqual([]);
    } finally {
      await manager.closeAll();
      await browser.closeAll();
    }
  }, 240_000);

  it('phone width: create and move a lead (zh-CN and en)', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const browser = await openBrowser(locale);
      try {
        const page = await newPage(browser, PHONE);
        const rep = server.login('sales', 1);
        await signIn(page, server.url, rep.login, rep.password);
        await createAndMove(page, locale, `${locale}-phone`, true);
        expect(page.pageErrors).toEqual([]);
      } finally {
        await browser.closeAll();
      }
    }
  }, 300_000);
});
