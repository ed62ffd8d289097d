import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { choose, pickFromMenu } from './harness/antd';
import { shot, signIn, DESKTOP, PHONE, shotAtBothWidths } from './harness/browser';
import { inBuilderBrowser } from './harness/builder-browser';
import { fieldSteps, formItem as item, publishDraft } from './harness/builder-steps';
import { draftSaved, draftSpec } from './harness/draft';
import { ownServer } from './harness/own-server';

// The issue's own scenario: an operations person starts from an empty workspace (the `blank`
// template: one Contacts list, no pipeline, form, team, role or automation) and builds a course
// enrollment CRM in the builder without typing JSON; a prospect fills its public form, the
// automation deals the enrollment to a rep with a follow-up task, and the rep meets the gate of
// the last stage.
const OPS = { login: 'ops', password: 'Blank-ops-2026' };
const REP = { login: 'rep.li', name: 'Li Rep', password: 'Blank-rep-2026' };

const server = ownServer(
  {
    demo: false,
    template: 'blank',
    prepare: [
      ['users', 'add', '--login', OPS.login, '--password', OPS.password, '--role', 'admin'],
    ],
  },
  180_000,
);

type Field = {
  key: string;
  type: string;
  label: Record<string, string>;
  options?: { value: string }[];
};
type Spec = {
  entities: { key: string; owned?: boolean; fields: Field[] }[];
  forms?: {
    key: string;
    entity: string;
    public?: boolean;
    slug?: string;
    sections: { fields: (string | { field: string; visibleIf?: unknown })[] }[];
  }[];
  pipelines?: {
    key: string;
    entity: string;
    stages: { key: string; label: Record<string, string>; requires?: string[] }[];
  }[];
  teams?: { key: string; label: Record<string, string> }[];
  roles?: { key: string; entities: Record<string, Record<string, unknown>> }[];
  automations?: {
    key: string;
    enabled?: boolean;
    on: { type: string; entity?: string };
    do: Record<string, unknown>[];
  }[];
};

/** Keys the scenario learns from the draft as it builds (the zh-CN screens open them again). */
const built = { form: '', slug: '', pipeline: '', team: '', role: '', automation: '' };
const ENTITY = 'courseEnrollment';

/** Runs a JSON request in the page with the signed-in session. */
const api = <T>(page: Page, method: string, path: string, body?: unknown) =>
  page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json().catch(() => null)) as unknown };
    },
    { method, path, body },
  ) as Promise<{ status: number; body: T }>;

describe('an operations person builds a course enrollment CRM from an empty workspace', () => {
  it('builds entity, fields, a conditional field, a public form, a gated pipeline, a team, a role and a round-robin automation; publishes seeing the plan (en)', async ({
    task,
  }) => {
    await server.freshOnRetry(task);
    await inBuilderBrowser('builder-blank', { locale: 'en' }, async (page) => {
      const draft = async () => (await draftSpec<Spec>(page))!;
      await signIn(page, server.url, OPS.login, OPS.password);
      // A run retried after a failure starts from the empty workspace again, not from its draft.
      expect([204, 404]).toContain((await api(page, 'DELETE', '/api/v1/spec/draft')).status);

      // Empty: one Contacts list and nothing else.
      const live = await api<{ spec: Spec }>(page, 'GET', '/api/v1/spec');
      expect(live.body.spec.entities.map((e) => e.key)).toEqual(['contact']);
      expect([
        live.body.spec.forms,
        live.body.spec.pipelines,
        live.body.spec.automations,
        live.body.spec.roles,
        live.body.spec.teams,
      ]).toEqual([undefined, undefined, undefined, undefined, undefined]);

      // 1. The entity, named in both languages.
      await page.goto(`${server.url}/builder/entities`);
      await page.getByRole('button', { name: 'Add to Entities' }).click();
      const modal = page.getByRole('dialog');
      await modal.getByLabel('Name (Chinese)').fill('课程报名');
      await modal.getByLabel('Name (English)').fill('Course enrollment');
      await modal.getByRole('button', { name: 'Create' }).click();
      await modal.waitFor({ state: 'hidden' });
      await page.waitForURL(new RegExp(`/builder/entities/${ENTITY}$`));

      // 2. Six fields of six types (with the Name it starts with), each with a setting of its
      // type, and the invoice title that a form shows only when an invoice is wanted.
      const { add: addField, close } = fieldSteps(page, 'en');
      let drawer = await addField('Phone', { zh: '手机号', en: 'Mobile phone' });
      await drawer.getByText('International (+86…)').first().waitFor();
      await close();
      drawer = await addField('Select', { zh: '课程', en: 'Course' });
      for (const [n, zh, en] of [
        [1, 'Python 编程', 'Python programming'],
        [2, 'UI 设计', 'UI design'],
      ] as const) {
        await drawer.getByLabel(`Chinese name of option ${n}`).fill(zh);
        await drawer.getByLabel(`English name of option ${n}`).fill(en);
        await drawer.getByLabel(`English name of option ${n}`).blur();
      }
      await close();
      for (const [type, zh, en] of [
        ['Date', '开课日期', 'Start date'],
        ['Number', '可参加的周末数', 'Weekends available'],
        ['Yes/No', '需要发票', 'Needs an invoice'],
        ['Text', '发票抬头', 'Invoice title'],
      ] as const) {
        await addField(type, { zh, en });
        await close();
      }
      await shot(page, 'builder-blank-fields-en-desktop');

      // Records have owners (what the round-robin deals out): a new entity's default.
      await page.getByRole('tab', { name: 'Settings' }).click();
      const owned = page.getByRole('switch', { name: 'Records have an owner and a team' });
      expect(await owned.getAttribute('aria-checked')).toBe('true');
      await page.getByRole('tab', { name: 'Fields' }).click();
      let spec = await draft();
      const entity = spec.entities.find((e) => e.key === ENTITY)!;
      expect(entity.owned).not.toBe(false);
      expect(entity.fields.map((f) => [f.key, f.type])).toEqual([
        ['name', 'text'],
        ['mobilePhone', 'phone'],
        ['course', 'select'],
        ['startDate', 'date'],
        ['weekendsAvailable', 'number'],
        ['needsAnInvoice', 'boolean'],
        ['invoiceTitle', 'text'],
      ]);
      expect(entity.fields[2]!.options!.map((o) => o.value)).toEqual([
        'pythonProgramming',
        'uiDesign',
      ]);

      // 3. A form with every field, the invoice title shown only when an invoice is wanted, made
      // public with its link and QR code.
      await page.goto(`${server.url}/builder/forms`);
      await page.getByRole('button', { name: 'New form' }).click();
      const formModal = page.getByRole('dialog');
      await formModal.getByLabel('Name (Chinese)').fill('报名表');
      await formModal.getByLabel('Name (English)').fill('Enrollment form');
      await choose(page, formModal.getByLabel('Entity'), 'Course enrollment');
      await formModal.getByRole('button', { name: 'Create' }).click();
      await formModal.waitFor({ state: 'hidden' });
      const preview = page.locator('[data-testid=form-preview]');
      await preview.getByLabel('Name').first().waitFor();
      for (const name of [
        'Mobile phone',
        'Course',
        'Start date',
        'Weekends available',
        'Needs an invoice',
        'Invoice title',
      ]) {
        await page.getByRole('button', { name: `Add “${name}” to the last section` }).click();
        await preview.getByText(name, { exact: true }).waitFor();
      }
      await page.getByRole('button', { name: /Invoice title$/ }).click();
      const shown = item(page.getByRole('dialog'), 'Shown when');
      await shown.getByRole('button', { name: 'Add condition' }).click();
      await choose(page, shown.getByLabel('Field'), 'Needs an invoice', { search: true });
      await choose(page, shown.getByLabel('Operator'), 'is yes');
      await draftSaved(page);
      await shot(page, 'builder-blank-condition-en-desktop');
      await page.locator('.ant-drawer-close').click();
      // The live preview follows the condition: no invoice title until "Needs an invoice".
      await expect.poll(() => preview.getByText('Invoice title', { exact: true }).count()).toBe(0);
      await preview.getByRole('switch', { name: 'Needs an invoice' }).click();
      await preview.getByText('Invoice title', { exact: true }).waitFor();
      await shot(page, 'builder-blank-form-en-desktop');
      await page.getByRole('tab', { name: 'Public link' }).click();
      await page.getByRole('switch', { name: 'Public form' }).click();
      await page.locator('#form-qr canvas').waitFor();
      await draftSaved(page);
      spec = await draft();
      const form = spec.forms!.find((f) => f.entity === ENTITY)!;
      built.form = form.key;
      built.slug = form.slug!;
      expect(form.public).toBe(true);
      await page
        .getByText(new RegExp(`/f/${built.slug}$`))
        .first()
        .waitFor();
      await shot(page, 'builder-blank-share-en-desktop');
      const placed = form.sections
        .flatMap((s) => s.fields)
        .find((p) => typeof p !== 'string' && p.field === 'invoiceTitle');
      expect(JSON.stringify(placed)).toMatch(/"visibleIf":.*"var":"needsAnInvoice"/);

      // 4. Three stages; the last one the enrollment closes in needs the start date.
      await page.goto(`${server.url}/builder/pipelines`);
      await page.getByRole('button', { name: 'New pipeline' }).click();
      const pipelineModal = page.getByRole('dialog');
      await choose(page, pipelineModal.getByLabel('Entity'), 'Course enrollment');
      await pipelineModal.getByRole('button', { name: 'Create' }).click();
      await pipelineModal.waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: /Won$/ }).click();
      await page.getByLabel('Stage name (Chinese)').fill('已入学');
      await page.getByLabel('Stage name (English)').fill('Enrolled');
      await page.getByLabel('Stage name (English)').blur();
      const requires = page.getByLabel('Fields required to enter');
      await requires.click();
      await page.keyboard.type('Start date');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await draftSaved(page);
      await shot(page, 'builder-blank-stage-en-desktop');
      spec = await draft();
      const pipeline = spec.pipelines!.find((p) => p.entity === ENTITY)!;
      built.pipeline = pipeline.key;
      expect(pipeline.stages).toHaveLength(3);
      expect(pipeline.stages.find((s) => s.label.en === 'Enrolled')?.requires).toEqual([
        'startDate',
      ]);

      // 5. The team the enrollments go to.
      await page.goto(`${server.url}/builder/teams`);
      await page.getByRole('button', { name: 'Add a team' }).click();
      const team = page.locator('.ant-card-small').filter({ has: page.getByLabel('Part of') });
      await expect
        .poll(() => team.getByLabel('Name (English)').inputValue(), { timeout: 30_000 })
        .toBe('New team');
      await team.getByLabel('Name (Chinese)').fill('招生组');
      await team.getByLabel('Name (English)').fill('Admissions');
      // Its key follows the English name once the name is left ("team-1" meant nothing).
      await team.getByLabel('Name (English)').blur();
      await expect
        .poll(() => team.getByLabel('Key', { exact: true }).inputValue())
        .toBe('admissions');
      await team.getByText('Publish the team first, then add its members here.').waitFor();
      await draftSaved(page);
      await shot(page, 'builder-blank-team-en-desktop');

      // 6. The role of the admissions advisors: they create enrollments and see and change
      // their own.
      await page.goto(`${server.url}/builder/roles`);
      await page.getByRole('button', { name: 'New role' }).click();
      const roleModal = page.getByRole('dialog');
      await roleModal.getByLabel('Name (Chinese)').fill('招生顾问');
      await roleModal.getByLabel('Name (English)').fill('Admissions advisor');
      await roleModal.getByRole('button', { name: 'Create' }).click();
      await roleModal.waitFor({ state: 'hidden' });
      await page.getByLabel('Create: Course enrollment').check();
      for (const action of ['See', 'Change'])
        await choose(page, page.getByLabel(`${action}: Course enrollment`), 'Own');
      await draftSaved(page);
      await shot(page, 'builder-blank-role-en-desktop');
      // Its home page: not chosen, so the default — tasks, my enrollments, notifications —
      // shown as the panels it is made of, ready to be changed.
      await page.getByRole('tab', { name: 'Home page' }).click();
      await page
        .getByText(/^Not chosen yet: people with this role see the default home page/)
        .waitFor();
      const shows = (name: string) =>
        page.locator('.ant-select', { has: page.getByLabel(name, { exact: true }) });
      await shows('Panel 1').getByText('My tasks').waitFor();
      await shows('Panel 2').getByText('My records of').waitFor();
      await shows('What panel 2 shows').getByText('Course enrollment').waitFor();
      await shows('Panel 3').getByText('Notifications').waitFor();
      await shot(page, 'builder-blank-role-home-en-desktop');

      // 7. New enrollments go round the team, and their new owner gets a follow-up task.
      await page.goto(`${server.url}/builder/automations`);
      await page.getByRole('button', { name: 'New automation' }).click();
      const automationModal = page.getByRole('dialog');
      await automationModal.getByLabel('Name (Chinese)').fill('新报名轮流分配');
      await automationModal.getByLabel('Name (English)').fill('Deal out new enrollments');
      await automationModal.getByRole('button', { name: 'Create' }).click();
      await automationModal.waitFor({ state: 'hidden' });
      const when = page.locator('.ant-card-small', {
        has: page.locator('.ant-card-head-title', { hasText: /^When$/ }),
      });
      await choose(page, when.getByLabel('Entity'), 'Course enrollment');
      const actions = page.locator('.ant-card-small', {
        has: page.locator('.ant-card-head-title', { hasText: /^Do$/ }),
      });
      await choose(page, actions.getByLabel('Kind of action 1'), 'Assign an owner');
      await choose(page, item(actions, 'How').locator('input').first(), 'Take turns');
      await choose(page, item(actions, 'Team').locator('input').first(), 'Admissions');
      // Nobody in the team free: the enrollment goes to the ops person, picked by name.
      await choose(page, actions.getByLabel('Otherwise', { exact: true }), 'ops', {
        search: true,
      });
      await pickFromMenu(
        page,
        page.getByRole('button', { name: 'Add an action' }),
        'Create a task',
      );
      const title = item(actions, 'Title').last();
      await title.getByLabel(/Chinese/).fill('跟进报名：{{name}}');
      await title.getByLabel(/English/).fill('Follow up: {{name}}');
      await page.getByRole('switch', { name: 'Runs' }).click();
      await draftSaved(page);
      await shot(page, 'builder-blank-automation-en-desktop');
      spec = await draft();
      const automation = spec.automations!.at(-1)!;
      built.automation = automation.key;
      expect(automation).toMatchObject({
        on: { type: 'record.created', entity: ENTITY },
        do: [
          { type: 'assign', strategy: 'roundRobin', team: 'admissions', fallback: { user: 'ops' } },
          { type: 'createTask', assignee: 'owner' },
        ],
      });
      expect(automation.enabled).not.toBe(false);
      built.team = String(automation.do[0]!['team']);
      built.role = spec.roles!.at(-1)!.key;
      expect(spec.roles!.at(-1)!.entities[ENTITY]).toMatchObject({
        create: true,
        read: 'own',
        update: 'own',
      });

      // 8. Publish: the dialog lists the changes and the plan (the new table, nothing at risk).
      await publishDraft(page, 'en', {
        beforeConfirm: async (dialog) => {
          await dialog.getByText('Create the table of “Course enrollment”').waitFor();
          await shot(page, 'builder-blank-publish-en-desktop', { fullPage: false });
        },
      });

      // 9. A rep with the new role joins the team (people are not in the spec: at once).
      const added = await api<{ id: string }>(page, 'POST', '/api/v1/users', {
        login: REP.login,
        name: REP.name,
        password: REP.password,
        role: built.role,
        locale: 'en',
      });
      expect(added.status).toBe(201);
      await page.goto(`${server.url}/builder/teams`);
      const card = page.locator('.ant-card-small').filter({ hasText: 'Admissions' }).first();
      await card.getByText('Nobody in this team yet.').waitFor();
      await choose(page, card.getByLabel('Add a person…'), `${REP.name} (${REP.login})`, {
        acts: true,
      });
      await card.getByRole('button', { name: `Take ${REP.name} out of the team` }).waitFor();
      // The member's role reads as its name, not its key.
      await card.getByText('Admissions advisor', { exact: true }).waitFor();
      expect(page.pageErrors).toEqual([]);
    });
  }, 400_000);

  it('a prospect fills the public form; the rep gets the enrollment and its task, and meets the gate of the last stage (en)', async () => {
    expect(built.slug).not.toBe('');
    await inBuilderBrowser('builder-blank-rep', { locale: 'en', viewport: PHONE }, async (page) => {
      // The prospect, on a phone, signed in nowhere: the invoice title appears when asked for.
      await page.goto(`${server.url}/f/${built.slug}`);
      const name = `Chen ${Date.now() % 100000}`;
      await page.getByLabel(/^Name/).fill(name);
      await page.getByLabel(/^Mobile phone/).fill('139 1234 5678');
      // Two options show as buttons on the light public page; yes/no as a checkbox.
      await page.getByRole('radio', { name: 'UI design' }).check();
      await page.getByLabel(/^Weekends available/).fill('6');
      expect(await page.getByLabel(/^Invoice title/).count()).toBe(0);
      await page.getByRole('checkbox').check();
      await page.getByLabel(/^Invoice title/).fill('Hangzhou Design Ltd');
      await shot(page, 'builder-blank-public-form-en-phone');
      await page.getByRole('button', { name: /Submit/ }).click();
      await page.getByRole('heading', { name: 'Thank you' }).waitFor();

      // The rep: the enrollment is theirs, with its follow-up task on their home page.
      await page.setViewportSize(DESKTOP);
      await signIn(page, server.url, REP.login, REP.password);
      const task = page.getByText(`Follow up: ${name}`).first();
      await expect
        .poll(
          async () => {
            await page.reload();
            // isVisible() does not wait: right after a reload the home page is still asking for
            // its tasks, so give it a moment before calling the task missing.
            return task.waitFor({ timeout: 5_000 }).then(
              () => true,
              () => false,
            );
          },
          { timeout: 60_000, interval: 2_000 },
        )
        .toBe(true);
      const mine = await api<{ items: { id: string; name: string; ownerId: string }[] }>(
        page,
        'GET',
        `/api/v1/records/${ENTITY}?limit=10`,
      );
      const record = mine.body.items.find((r) => r.name === name)!;
      expect(record).toBeDefined();
      const me = await api<{ user: { id: string } }>(page, 'GET', '/api/v1/me');
      expect(record.ownerId).toBe(me.body.user.id);
      // The role's default home also lists the rep's own enrollments.
      const mineCard = page.locator('.ant-card', { hasText: 'Course enrollment (mine)' });
      await mineCard.getByRole('link', { name, exact: true }).waitFor();
      await shot(page, 'builder-blank-rep-task-en-desktop');

      // The last stage asks for the start date before it lets the enrollment in.
      await page.goto(`${server.url}/records/${ENTITY}/${record.id}`);
      await page.getByRole('heading', { name, exact: true }).waitFor();
      await page.getByText('Hangzhou Design Ltd').first().waitFor();
      await page
        .getByRole('button', { name: /Enrolled/ })
        .first()
        .click();
      const gate = page.getByRole('dialog');
      await gate.getByText(/Cannot move to/).waitFor();
      const date = gate.getByLabel('Start date', { exact: true });
      await date.click();
      await date.fill('2027-03-06');
      // Tab, not Enter: Enter in the complete form saves and moves at once.
      await date.press('Tab');
      await shot(page, 'builder-blank-rep-gate-en-desktop', { fullPage: false });
      await gate.getByRole('button', { name: /Save and move/ }).click();
      await gate.waitFor({ state: 'hidden' });
      await page
        .locator(
          '.trellis-stagebar .ant-steps-item-process, .trellis-stagebar .ant-steps-item-active',
        )
        .getByText('Enrolled')
        .waitFor();
      const stored = await api<{ stage: string; startDate: string }>(
        page,
        'GET',
        `/api/v1/records/${ENTITY}/${record.id}`,
      );
      expect(stored.body).toMatchObject({ stage: 'won', startDate: '2027-03-06' });
      expect(page.pageErrors).toEqual([]);
    });
  }, 300_000);

  it('shows each screen it built in zh-CN, at desktop and phone width', async () => {
    expect(built.automation).not.toBe('');
    await inBuilderBrowser('builder-blank-zh-CN', { locale: 'zh-CN' }, async (page) => {
      const both = (name: string) => shotAtBothWidths(page, `builder-blank-${name}-zh-CN`);
      await signIn(page, server.url, OPS.login, OPS.password);
      await page.goto(`${server.url}/builder/entities/${ENTITY}`);
      await page.getByRole('button', { name: '发票抬头', exact: true }).waitFor();
      await both('fields');
      await page.goto(`${server.url}/builder/forms/${built.form}`);
      await page.locator('[data-testid=form-preview]').getByText('需要发票').first().waitFor();
      await both('form');
      await page.getByRole('tab', { name: '公开链接' }).click();
      await page.locator('#form-qr canvas').waitFor();
      await both('share');
      await page.goto(`${server.url}/builder/pipelines/${built.pipeline}`);
      await page.getByRole('button', { name: /已入学$/ }).click();
      await page.getByLabel('进入前必填字段').waitFor();
      await both('stage');
      await page.goto(`${server.url}/builder/teams`);
      await page.getByText('招生组').first().waitFor();
      await both('team');
      await page.goto(`${server.url}/builder/roles/${built.role}`);
      await page.getByLabel('课程报名：新建').waitFor();
      await both('role');
      await page.getByRole('tab', { name: '工作台' }).click();
      await page.getByText(/^尚未设置：此角色的人看到下面的默认工作台/).waitFor();
      await both('role-home');
      await page.goto(`${server.url}/builder/automations/${built.automation}`);
      await page.getByText('新报名轮流分配').first().waitFor();
      await both('automation');
      expect(page.pageErrors).toEqual([]);
    });
  }, 300_000);
});
