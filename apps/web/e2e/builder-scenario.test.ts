import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, openBrowser, shot, signIn, DESKTOP } from './harness/browser';
import { startTrellis, type RunningTrellis } from './harness/trellis';

// Its own server: publishing a field required to enter "Needs confirmed" would change what the
// other browser tests meet on the shared demo server.
let server: RunningTrellis;
beforeAll(async () => {
  server = await startTrellis();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

type Spec = {
  entities: { key: string; fields: { key: string; label: { en?: string } }[] }[];
  forms: {
    key: string;
    sections: { fields: (string | { field: string; visibleIf?: unknown })[] }[];
  }[];
  pipelines: { key: string; stages: { key: string; requires?: string[] }[] }[];
  automations: { key: string; enabled?: boolean; do: { type: string }[] }[];
};

/** The draft on the server (null until the first save). */
const draftSpec = (page: Page) =>
  page.evaluate(async () => {
    const res = await fetch('/api/v1/spec/draft');
    return res.status === 404 ? null : ((await res.json()) as { spec: Spec }).spec;
  });

/** Picks `option` in the Ant Design select labelled `label` (typing to search when it can). */
async function choose(page: Page, label: string, option: string) {
  const select = page.getByLabel(label, { exact: true }).last();
  await select.click();
  const list = await select.getAttribute('aria-controls');
  await page
    .locator(`[id="${list}"]`)
    .locator('xpath=..')
    .locator('.ant-select-item-option')
    .filter({ hasText: new RegExp(`^${option}$`) })
    .first()
    .click();
}

describe('an operations person builds without JSON, a rep meets the rules', () => {
  it('adds a conditional field, requires it to enter a stage, adds an automation, publishes with the plan; the rep’s lead follows every rule', async () => {
    const browser = await openBrowser('en');
    try {
      const page = await newPage(browser, DESKTOP);
      const admin = server.login('admin');
      await signIn(page, server.url, admin.login, admin.password);
      const saved = () =>
        page.locator('[data-testid=builder-save-status]').getByText('All changes saved').waitFor();

      // 1. A new text field on leads, named in both languages.
      await page.goto(`${server.url}/builder/entities/lead`);
      await page.getByRole('button', { name: 'Add field' }).click();
      await page.getByRole('button', { name: 'Text', exact: true }).click();
      const drawer = page.getByRole('dialog');
      await drawer.getByLabel('Name (English)').fill('Scholarship code');
      await drawer.getByLabel('Name (Chinese)').fill('奖学金编号');
      await saved();
      await shot(page, 'scenario-1-field-en-desktop');
      await page.locator('.ant-drawer-close').click();
      // The key is made from the English name (the field is not published yet).
      await expect
        .poll(
          async () =>
            (await draftSpec(page))?.entities
              .find((e) => e.key === 'lead')
              ?.fields.find((f) => f.label.en === 'Scholarship code')?.key,
        )
        .toBe('scholarshipCode');

      // 2. On the lead form, shown only when the lead came through a referral.
      await page.goto(`${server.url}/builder/forms/lead-edit`);
      const preview = page.locator('[data-testid=form-preview]');
      await preview.getByLabel('Mobile phone').first().waitFor();
      await page
        .getByRole('button', { name: 'Add “Scholarship code” to the last section' })
        .click();
      await preview.getByText('Scholarship code', { exact: true }).first().waitFor();
      await page.getByRole('button', { name: /Scholarship code$/ }).click();
      const placement = page.getByRole('dialog');
      await placement.getByText('Shown when').first().waitFor();
      await placement.getByRole('button', { name: 'Add condition' }).first().click();
      await choose(page, 'Field', 'Source channel');
      await choose(page, 'Operator', 'is');
      await choose(page, 'Value', 'Referral');
      await saved();
      await shot(page, 'scenario-2-condition-en-desktop');
      await page.locator('.ant-drawer-close').click();
      // The live preview follows the condition: hidden until the source is a referral.
      await expect
        .poll(() => preview.getByText('Scholarship code', { exact: true }).count())
        .toBe(0);
      await expect
        .poll(async () =>
          (await draftSpec(page))?.forms
            .find((f) => f.key === 'lead-edit')
            ?.sections.flatMap((s) => s.fields)
            .find((p) => typeof p !== 'string' && p.field === 'scholarshipCode'),
        )
        .toMatchObject({ visibleIf: { '==': [{ var: 'source' }, 'referral'] } });

      // 3. Required to enter "Needs confirmed".
      await page.goto(`${server.url}/builder/pipelines/lead-sales`);
      await page.getByRole('button', { name: /Needs confirmed$/ }).click();
      const requires = page.getByLabel('Fields required to enter');
      await requires.click();
      await page.keyboard.type('Scholarship');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await saved();
      await expect
        .poll(
          async () =>
            (await draftSpec(page))?.pipelines
              .find((p) => p.key === 'lead-sales')
              ?.stages.find((st) => st.key === 'qualified')?.requires,
        )
        .toContain('scholarshipCode');
      await shot(page, 'scenario-3-stage-en-desktop');

      // 4. An automation: a new lead gets a task to check its scholarship.
      await page.goto(`${server.url}/builder/automations`);
      await page.getByRole('button', { name: 'New automation' }).click();
      const modal = page.getByRole('dialog');
      await modal.getByLabel('Name (English)').fill('Scholarship check');
      await modal.getByLabel('Name (Chinese)').fill('核对奖学金');
      await modal.getByRole('button', { name: /Create/ }).click();
      await page.getByText('Only if').waitFor();
      await page.getByRole('switch', { name: 'Runs' }).click();
      await page.getByRole('button', { name: 'Add an action' }).click();
      await page.getByRole('menuitem', { name: 'Create a task', exact: true }).first().click();
      await page.getByLabel('Title (English)').last().fill('Check the scholarship');
      await page.getByLabel('Title (Chinese)').last().fill('核对奖学金');
      await saved();
      await shot(page, 'scenario-4-automation-en-desktop');
      await expect
        .poll(async () => {
          const a = (await draftSpec(page))?.automations.find((x) => x.key === 'scholarship-check');
          return a ? [a.enabled, ...a.do.map((d) => d.type)] : null;
        })
        .toEqual([true, 'notify', 'createTask']);

      // 5. Publish: the dialog lists the changes and the plan for the stored leads.
      await page.getByRole('button', { name: 'Publish…' }).click();
      const dialog = page.getByRole('dialog');
      await dialog
        .getByText(/^\d+ changes?$/)
        .first()
        .waitFor();
      await dialog.getByText('What happens to existing data').waitFor();
      // A warning that needs a choice (stored records in the stage without the new field) gets one.
      for (const group of await dialog.getByRole('radiogroup', { name: 'What to do' }).all())
        await group.getByRole('radio').first().check();
      await shot(page, 'scenario-5-publish-en-desktop');
      await dialog.getByRole('button', { name: /^Publish$/ }).click();
      await page.getByText(/Published version \d+/).waitFor();

      // 6. A rep creates a referral lead: the field appears with the referral, the task follows,
      // and "Needs confirmed" refuses the lead until the scholarship code is filled in.
      await page.context().clearCookies();
      const rep = server.login('sales');
      await signIn(page, server.url, rep.login, rep.password);
      await page.goto(`${server.url}/records/lead/new`);
      const form = page.getByRole('form', { name: 'New Lead' });
      await form.getByLabel('Name', { exact: true }).fill('Scenario Zhang');
      await form.getByLabel('Mobile phone', { exact: true }).fill('139 0013 8123');
      expect(await form.getByLabel('Scholarship code', { exact: true }).count()).toBe(0);
      await choose(page, 'Source channel', 'Referral');
      await form.getByLabel('Scholarship code', { exact: true }).waitFor();
      await shot(page, 'scenario-6-rep-form-en-desktop');
      await form.getByRole('button', { name: /Create/ }).click();
      await page.waitForURL((url) => /\/records\/lead\/(?!new$)[^/]+$/.test(url.pathname));
      await page.getByRole('heading', { name: 'Scenario Zhang' }).waitFor();
      await expect
        .poll(
          async () => {
            await page.reload();
            await page.getByRole('heading', { name: 'Scenario Zhang' }).waitFor();
            return page.getByText('Check the scholarship').count();
          },
          { timeout: 30_000, interval: 1_000 },
        )
        .toBeGreaterThan(0);
      await page
        .getByRole('button', { name: /Needs confirmed/ })
        .first()
        .click();
      const move = page.getByRole('dialog');
      await move.getByText(/Cannot move to/).waitFor();
      const gate = move.getByRole('form');
      await gate.getByLabel('Scholarship code', { exact: true }).waitFor();
      await shot(page, 'scenario-7-gate-en-desktop');
      await gate.getByLabel('Scholarship code', { exact: true }).fill('SCH-2026');
      for (const label of ['Course of interest', 'Budget range', 'Decision cycle'])
        await choose(page, label, (await firstOption(page, label))!);
      await gate.getByRole('button', { name: /Save and move/ }).click();
      await move.waitFor({ state: 'hidden' });
      const stored = await page.evaluate(async () => {
        const id = location.pathname.split('/').pop()!;
        const res = await fetch(`/api/v1/records/lead/${id}`);
        return (await res.json()) as { stage: string; scholarshipCode: string };
      });
      expect(stored).toMatchObject({ stage: 'qualified', scholarshipCode: 'SCH-2026' });
      await shot(page, 'scenario-8-moved-en-desktop');
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  }, 300_000);
});

/** The text of the first option of the select labelled `label` (opened and closed again). */
async function firstOption(page: Page, label: string): Promise<string | null> {
  const select = page.getByLabel(label, { exact: true }).last();
  await select.click();
  const list = await select.getAttribute('aria-controls');
  const text = await page
    .locator(`[id="${list}"]`)
    .locator('xpath=..')
    .locator('.ant-select-item-option')
    .first()
    .textContent();
  await page.keyboard.press('Escape');
  return text?.trim() ?? null;
}
