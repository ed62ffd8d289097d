import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pickFromMenu } from './harness/antd';
import { shot, PHONE } from './harness/browser';
import { inBuilderBrowser } from './harness/builder-browser';
import { signInAs } from './harness/builder-steps';
import { demoServer } from './harness/server';
import { discardDraft, draftSpec } from './harness/draft';

const server = demoServer();

type DraftSpec = {
  pipelines: { key: string; stages: { key: string; requires?: string[] }[] }[];
  forms: { key: string; sections: { fields: (string | { field: string })[] }[] }[];
};

/** The draft on the server, as the builder saved it. */
const draft = (page: Page) => draftSpec<DraftSpec>(page);
const discard = discardDraft;

const keys = (section: { fields: (string | { field: string })[] } | undefined) =>
  (section?.fields ?? []).map((p) => (typeof p === 'string' ? p : p.field));

describe('the pipeline designer', () => {
  it('opens a stage, adds a field required to enter it and saves the draft', async () => {
    await inBuilderBrowser(
      'builder-pipeline-stage-zh-CN',
      { locale: 'zh-CN', cleanUp: discard },
      async (page) => {
        await signInAs(page, server, 'admin');
        await page.goto(`${server.url}/builder/pipelines/lead-sales`);
        const status = page.locator('[data-testid=builder-save-status]');
        await page.getByRole('button', { name: /需求确认$/ }).click();
        const requires = page.getByLabel('进入前必填字段');
        await requires.waitFor();
        await requires.click();
        await page.keyboard.type('微信');
        await page.keyboard.press('Enter');
        await page.keyboard.press('Escape');
        await status.getByText('已全部保存').waitFor();
        const spec = await draft(page);
        const stage = spec?.pipelines
          .find((p) => p.key === 'lead-sales')
          ?.stages.find((s) => s.key === 'qualified');
        expect(stage?.requires).toEqual(['course', 'budgetRange', 'decisionCycle', 'wechatId']);
        await shot(page, 'builder-pipeline-stage-zh-CN-desktop');

        // The plan says how many leads this affects: the open ones before the stage (new leads)
        // without a WeChat ID, who will be asked for it when they move in — counted by the list.
        const filter = {
          and: [{ '==': [{ var: 'stage' }, 'new'] }, { isEmpty: [{ var: 'wechatId' }] }],
        };
        const counted = await page.evaluate(async (f) => {
          const q = `filter=${encodeURIComponent(JSON.stringify(f))}&count=1&limit=1`;
          const all = (await (await fetch('/api/v1/records/lead?count=1&limit=1')).json()) as {
            total: number;
          };
          const lacking = (await (await fetch(`/api/v1/records/lead?${q}`)).json()) as {
            total: number;
          };
          return { affected: lacking.total, total: all.total };
        }, filter);
        expect(counted.affected).toBeGreaterThan(0);
        await page.getByRole('button', { name: '发布…' }).click();
        const plan = page.getByRole('dialog');
        // Named as the builder knows them, not by key ("qualified", "wechatId").
        const warning = plan.locator('.ant-alert', {
          hasText: '阶段“需求确认”新增必填“微信号”',
        });
        await warning.waitFor();
        expect(await warning.innerText()).toContain(
          `之前阶段中有 ${counted.affected} 条记录没有值`,
        );
        expect(await warning.innerText()).toContain(
          `（共 ${counted.total} 条记录，涉及 ${counted.affected} 条）`,
        );
        await shot(page, 'builder-pipeline-plan-zh-CN-desktop', { fullPage: false });
        // Not blocking: Publish is offered (the test closes the dialog; the draft is discarded).
        expect(await plan.getByRole('button', { name: /^发\s?布$/ }).isEnabled()).toBe(true);
        await plan.getByRole('button', { name: /取\s?消/ }).click();
        expect(page.pageErrors).toEqual([]);
      },
    );
  }, 180_000);
});

describe('the views editor', () => {
  it('adds a column and a sort field to a list, read back from the template', async () => {
    await inBuilderBrowser('builder-view-en', { locale: 'en', cleanUp: discard }, async (page) => {
      await signInAs(page, server, 'admin');
      await page.goto(`${server.url}/builder/views/my-leads`);
      const status = page.locator('[data-testid=builder-save-status]');
      // The template's "mine and open" filter reads back as rules, not JSON.
      await page.getByText('Which records').waitFor();
      await page.getByLabel('Add a column…').click();
      await page.keyboard.type('Email');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Add a sort field' }).click();
      await status.getByText('All changes saved').waitFor();
      const view = await page.evaluate(async () => {
        const res = await fetch('/api/v1/spec/draft');
        const { spec } = (await res.json()) as {
          spec: { views: { key: string; columns: string[]; sort: { field: string }[] }[] };
        };
        return spec.views.find((v) => v.key === 'my-leads');
      });
      expect(view?.columns.at(-1)).toBe('email');
      expect(view?.sort.map((s) => s.field)).toEqual(['nextFollowUpAt', 'name']);
      await shot(page, 'builder-view-en-desktop');
      expect(page.pageErrors).toEqual([]);
    });
  }, 180_000);
});

describe('the automation designer', () => {
  it('adds a task action from its config form and dry-runs the published automation on a lead', async () => {
    await inBuilderBrowser(
      'builder-automation-en',
      { locale: 'en', cleanUp: discard },
      async (page) => {
        await signInAs(page, server, 'admin');
        await page.goto(`${server.url}/builder/automations/route-python`);
        const status = page.locator('[data-testid=builder-save-status]');
        await page.getByText('Only if').waitFor();
        await pickFromMenu(
          page,
          page.getByRole('button', { name: 'Add an action' }),
          'Create a task',
        );
        await page.getByLabel('Due in').last().fill('3d');
        await status.getByText('All changes saved').waitFor();
        const actions = await page.evaluate(async () => {
          const res = await fetch('/api/v1/spec/draft');
          const { spec } = (await res.json()) as {
            spec: { automations: { key: string; do: Record<string, unknown>[] }[] };
          };
          return spec.automations.find((a) => a.key === 'route-python')?.do;
        });
        expect(actions?.map((a) => a['type'])).toEqual(['assign', 'createTask', 'createTask']);
        expect(actions?.[2]).toMatchObject({ assignee: 'owner', dueIn: '3d' });
        await shot(page, 'builder-automation-en-desktop');

        // Test on a record: the dry run of the published version on a stored lead.
        const lead = await page.evaluate(async () => {
          const res = await fetch('/api/v1/records/lead?limit=1');
          return ((await res.json()) as { items: { name: string }[] }).items[0]!.name;
        });
        await page.getByRole('tab', { name: 'Test on a record' }).click();
        await page.getByLabel('Record', { exact: true }).click();
        await page.keyboard.type(lead);
        await page.locator('.ant-select-item-option').first().click();
        await page.getByRole('button', { name: /Try it/ }).click();
        await page
          .getByText(/^Would (not )?run$/)
          .first()
          .waitFor();
        await shot(page, 'builder-automation-test-en-desktop');
        expect(page.pageErrors).toEqual([]);
      },
    );
  }, 180_000);
});

describe('the roles matrix', () => {
  it('gives a role the right to see its team’s students and hides a field from it', async () => {
    await inBuilderBrowser(
      'builder-role-zh-CN',
      { locale: 'zh-CN', cleanUp: discard },
      async (page) => {
        await signInAs(page, server, 'admin');
        await page.goto(`${server.url}/builder/roles/sales`);
        const status = page.locator('[data-testid=builder-save-status]');
        await page.getByLabel('学员：查看').click();
        await page.getByRole('option', { name: '团队的', exact: true }).click();
        await page.getByRole('tab', { name: '字段' }).click();
        await page.getByLabel('实体').first().waitFor();
        await status.getByText('已全部保存').waitFor();
        const role = await page.evaluate(async () => {
          const res = await fetch('/api/v1/spec/draft');
          const { spec } = (await res.json()) as {
            spec: { roles: { key: string; entities: Record<string, { read?: string }> }[] };
          };
          return spec.roles.find((r) => r.key === 'sales');
        });
        expect(role?.entities['student']?.read).toBe('team');
        await shot(page, 'builder-role-fields-zh-CN-desktop');
        await page.getByRole('tab', { name: '记录' }).click();
        await shot(page, 'builder-role-zh-CN-desktop');
        expect(page.pageErrors).toEqual([]);
      },
    );
  }, 180_000);
});

describe('the form designer', () => {
  it('drags a field into another section, adds one with +, reads back a condition and previews at phone width', async () => {
    await inBuilderBrowser(
      'builder-form-designer-en',
      { locale: 'en', cleanUp: discard },
      async (page) => {
        await signInAs(page, server, 'admin');
        await page.goto(`${server.url}/builder/forms/lead-edit`);
        const status = page.locator('[data-testid=builder-save-status]');
        const preview = page.locator('[data-testid=form-preview]');
        await preview.getByLabel('Mobile phone').first().waitFor();

        // Drag "City" from the Contact section into the Source section (both in view: dragging
        // near the window's edge scrolls it).
        const section = page.locator('[data-testid=form-section-1]');
        await section.evaluate((el) => el.scrollIntoView({ block: 'center' }));
        const handle = page.getByLabel('Drag “City”');
        const from = (await handle.boundingBox())!;
        const to = (await section.boundingBox())!;
        await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
        await page.mouse.down();
        await page.mouse.move(from.x + 20, from.y + 20, { steps: 5 });
        await page.mouse.move(to.x + to.width / 4, to.y + to.height / 2, { steps: 15 });
        await page.mouse.up();
        await status.getByText('All changes saved').waitFor();
        let form = (await draft(page))?.forms.find((f) => f.key === 'lead-edit');
        expect(keys(form?.sections[0])).not.toContain('city');
        expect(keys(form?.sections[1])).toContain('city');

        // A field not on the form is added with + and appears in the live preview.
        const add = page.getByRole('button', { name: /^Add “.+” to the last section$/ }).first();
        const name = /^Add “(.+)” to the last section$/.exec(
          (await add.getAttribute('aria-label'))!,
        )![1]!;
        expect(await preview.getByText(name, { exact: true }).count()).toBe(0);
        await add.click();
        await preview.getByText(name, { exact: true }).first().waitFor();
        await status.getByText('All changes saved').waitFor();
        form = (await draft(page))?.forms.find((f) => f.key === 'lead-edit');
        expect(form?.sections.at(-1)?.fields.length).toBe(10);
        await shot(page, 'builder-form-designer-en-desktop');

        // The referral field's condition reads back into the visual builder.
        await page.getByRole('button', { name: /Referred by \(student\)$/ }).click();
        const drawer = page.getByRole('dialog');
        await drawer.getByText('Shown when').first().waitFor();
        await drawer.locator('.ant-select').nth(1).waitFor();
        await shot(page, 'builder-form-placement-en-desktop');
        await page.locator('.ant-drawer-close').click();

        await preview.getByText('Phone', { exact: true }).click();
        await page.locator('.trellis-phone-preview').waitFor();
        await shot(page, 'builder-form-preview-phone-en-desktop');
        await discard(page);

        // A public form's link, tagged for a poster, and its QR code.
        await page.goto(`${server.url}/builder/forms/trial-apply`);
        await page.getByRole('tab', { name: 'Public link' }).click();
        await page.getByPlaceholder('utm_source').fill('poster');
        await page.getByText(/\/f\/[a-z0-9-]+\?utm_source=poster$/).waitFor();
        await page.locator('#form-qr canvas').waitFor();
        await shot(page, 'builder-form-sharing-en-desktop');
        expect(page.pageErrors).toEqual([]);
      },
    );
  }, 180_000);

  it('stays usable at phone width (zh-CN)', async () => {
    await inBuilderBrowser(
      'builder-designers-zh-CN-phone',
      { locale: 'zh-CN', viewport: PHONE, cleanUp: discard },
      async (page) => {
        await signInAs(page, server, 'admin');
        await page.goto(`${server.url}/builder/forms/lead-edit`);
        await page.locator('[data-testid=form-preview]').getByLabel('手机号').first().waitFor();
        await shot(page, 'builder-form-designer-zh-CN-phone');
        await page.goto(`${server.url}/builder/pipelines/lead-sales`);
        await page.getByRole('button', { name: /试听预约$/ }).click();
        await page.getByLabel('进入前必填字段').waitFor();
        await shot(page, 'builder-pipeline-stage-zh-CN-phone');
        expect(page.pageErrors).toEqual([]);
      },
    );
  }, 180_000);
});
