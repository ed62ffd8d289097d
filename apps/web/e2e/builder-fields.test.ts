import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { choose } from './harness/antd';
import { shot } from './harness/browser';
import { inBuilderBrowser } from './harness/builder-browser';
import { fieldSteps, openBuilder, publishDraft } from './harness/builder-steps';
import { discardDraft, draftSpec, draftSaved } from './harness/draft';
import { ownServer } from './harness/own-server';

type Field = { key: string; type: string; label: Record<string, string>; [k: string]: unknown };
type Spec = {
  entities: {
    key: string;
    label: Record<string, string>;
    identity?: string[][];
    fields: Field[];
  }[];
  forms: { key: string; sections: { fields: (string | { field: string })[] }[] }[];
};

// These tests publish: a demo server of their own keeps the shared one as shipped.
const server = ownServer();

const DRAG_EN = 'Drag to reorder (or press Space, then the arrow keys)';

/** The drag handle of the list row whose name button is `name`. */
const handleOf = (page: Page, name: string | RegExp, label = DRAG_EN) =>
  page
    .locator('div', { has: page.getByRole('button', { name, exact: true }) })
    .filter({ has: page.getByRole('button', { name: label }) })
    .last()
    .getByRole('button', { name: label });

/** The draft's field keys of `entity`, in order. */
const fieldOrder = async (page: Page, entity: string) =>
  (await draftSpec<Spec>(page))?.entities.find((e) => e.key === entity)?.fields.map((f) => f.key);

/**
 * Moves a row one place up with the keyboard, as a screen-reader user does: focus the handle,
 * Space (picked up: aria-pressed), ArrowUp (the row is shown moved), Space (dropped).
 */
async function keyboardUp(page: Page, handle: Locator) {
  await handle.focus();
  await page.keyboard.press('Space');
  await expect.poll(() => handle.getAttribute('aria-pressed')).toBe('true');
  await page.keyboard.press('ArrowUp');
  await expect
    .poll(() => handle.evaluate((el) => el.closest('[style*="translate"]') !== null))
    .toBe(true);
  await page.keyboard.press('Space');
}

/** Drags `from` (a handle) onto `to` with the mouse, in small steps as a hand does. */
async function dragOnto(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  // Past the 4 px the list waits for before a press becomes a drag.
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2 + (b.y > a.y ? 8 : -8), {
    steps: 4,
  });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** Runs `POST /api/v1/records/<entity>` in the page (the admin's session). */
const create = (page: Page, entity: string, values: Record<string, unknown>) =>
  page.evaluate(
    async ({ entity, values }) => {
      const res = await fetch(`/api/v1/records/${entity}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(values),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    { entity, values },
  );

describe('entities and fields', () => {
  it('builds an entity with a phone that dedups and a relation to leads, reorders fields and options by keyboard and drag, publishes (en)', async ({
    task,
  }) => {
    await server.freshOnRetry(task);
    await inBuilderBrowser('builder-fields', { locale: 'en' }, async (page) => {
      await openBuilder(page, server, 'entities');
      await page.getByRole('button', { name: 'Add to Entities' }).click();
      const modal = page.getByRole('dialog');
      await modal.getByLabel('Name (Chinese)').fill('合作学校');
      await modal.getByLabel('Name (English)').fill('Partner school');
      await modal.getByRole('button', { name: 'Create' }).click();
      await modal.waitFor({ state: 'hidden' });
      await page.waitForURL(/\/builder\/entities\/partnerSchool$/);

      // A phone field (stored as +86…) and a relation to leads, named in both languages.
      const fields = fieldSteps(page, 'en');
      let drawer = await fields.add('Phone', { zh: '联系电话', en: 'Contact phone' });
      await drawer.getByText('International (+86…)').first().waitFor();
      await fields.close();
      drawer = await fields.add('Relation', { zh: '推荐线索', en: 'Referred lead' });
      await choose(page, drawer.getByLabel('Links to'), 'Lead');
      await fields.close();
      drawer = await fields.add('Select', { zh: '合作级别', en: 'Partnership level' });
      for (const [n, zh, en] of [
        [1, '金牌', 'Gold'],
        [2, '银牌', 'Silver'],
      ] as const) {
        await drawer.getByLabel(`Chinese name of option ${n}`).fill(zh);
        await drawer.getByLabel(`English name of option ${n}`).fill(en);
        await drawer.getByLabel(`English name of option ${n}`).blur();
      }
      await draftSaved(page);

      // Options reorder by drag: Silver onto Gold.
      const optionHandles = drawer.getByRole('button', { name: DRAG_EN });
      await dragOnto(page, optionHandles.nth(1), optionHandles.nth(0));
      await expect
        .poll(
          async () =>
            (
              (await draftSpec<Spec>(page))!.entities
                .find((e) => e.key === 'partnerSchool')!
                .fields.find((f) => f.key === 'partnershipLevel')!.options as { value: string }[]
            ).map((o) => o.value),
          { timeout: 30_000 },
        )
        .toEqual(['silver', 'gold']);
      expect(await drawer.getByLabel('English name of option 1').inputValue()).toBe('Silver');
      await shot(page, 'builder-fields-options-en-desktop');
      await fields.close();
      expect(await fieldOrder(page, 'partnerSchool')).toEqual([
        'name',
        'contactPhone',
        'referredLead',
        'partnershipLevel',
      ]);

      // Fields reorder by keyboard (the relation one place up), then by drag (the level to the top).
      await keyboardUp(page, handleOf(page, 'Referred lead'));
      await expect
        .poll(() => fieldOrder(page, 'partnerSchool'), { timeout: 30_000 })
        .toEqual(['name', 'referredLead', 'contactPhone', 'partnershipLevel']);
      await dragOnto(page, handleOf(page, 'Partnership level'), handleOf(page, 'Name'));
      await expect
        .poll(() => fieldOrder(page, 'partnerSchool'), { timeout: 30_000 })
        .toEqual(['partnershipLevel', 'name', 'referredLead', 'contactPhone']);

      // Duplicate check on the phone: a key is added, then holds the phone alone.
      await page.getByRole('tab', { name: 'Settings' }).click();
      await page.getByRole('button', { name: 'Add a key' }).click();
      const key1 = page.getByLabel('Key 1', { exact: true });
      await choose(page, key1, 'Contact phone');
      await page.keyboard.press('Escape');
      const keySelect = key1.locator(
        'xpath=ancestor::*[contains(concat(" ", @class, " "), " ant-select ")][1]',
      );
      await keySelect
        .locator('.ant-select-selection-item', { hasText: /^Name$/ })
        .locator('.ant-select-selection-item-remove')
        .click();
      await draftSaved(page);
      await expect
        .poll(
          async () =>
            (await draftSpec<Spec>(page))!.entities.find((e) => e.key === 'partnerSchool')!
              .identity,
        )
        .toEqual([['contactPhone']]);
      await shot(page, 'builder-fields-identity-en-desktop');
      await page.getByRole('tab', { name: 'Fields' }).click();
      await handleOf(page, 'Contact phone').waitFor();
      await shot(page, 'builder-fields-list-en-desktop');

      // Stages reorder by keyboard too: Lost before Enrolled.
      await page
        .getByRole('navigation', { name: 'Builder sections' })
        .getByRole('button', { name: /Pipelines$/ })
        .click();
      await keyboardUp(page, handleOf(page, /Lost$/));
      const stageOrder = async () =>
        (await draftSpec<{ pipelines: { key: string; stages: { key: string }[] }[] }>(
          page,
        ))!.pipelines
          .find((p) => p.key === 'lead-sales')!
          .stages.map((x) => x.key);
      await expect
        .poll(stageOrder, { timeout: 30_000 })
        .toEqual(['new', 'qualified', 'trial', 'quoted', 'lost', 'won']);

      await publishDraft(page, 'en');

      const live = await page.evaluate(
        async () =>
          (
            (await (await fetch('/api/v1/spec')).json()) as {
              spec: Spec & { pipelines: { key: string; stages: { key: string }[] }[] };
            }
          ).spec,
      );
      const school = live.entities.find((e) => e.key === 'partnerSchool')!;
      expect(school.fields.map((f) => f.key)).toEqual([
        'partnershipLevel',
        'name',
        'referredLead',
        'contactPhone',
      ]);
      expect(school.identity).toEqual([['contactPhone']]);
      expect(school.fields.find((f) => f.key === 'referredLead')).toMatchObject({
        type: 'relation',
        entity: 'lead',
      });
      expect(live.pipelines.find((p) => p.key === 'lead-sales')!.stages.map((x) => x.key)).toEqual([
        'new',
        'qualified',
        'trial',
        'quoted',
        'lost',
        'won',
      ]);

      // What the published spec does: the phone is stored as +86…, the same number typed
      // another way is the same school, and the relation takes a lead and refuses anything else.
      const lead = await page.evaluate(
        async () =>
          (
            (await (await fetch('/api/v1/records/lead?limit=1')).json()) as {
              items: { id: string }[];
            }
          ).items[0]!.id,
      );
      const first = await create(page, 'partnerSchool', {
        name: '实验中学',
        contactPhone: '138 0013 8000',
        referredLead: lead,
        partnershipLevel: 'gold',
      });
      expect(first.status).toBe(201);
      expect(JSON.stringify(first.body)).toContain('+8613800138000');
      const again = await create(page, 'partnerSchool', {
        name: '实验中学（二）',
        contactPhone: '+86 138-0013-8000',
      });
      expect(again.status).toBe(409);
      const wrong = await create(page, 'partnerSchool', {
        name: '第二中学',
        contactPhone: '13900139000',
        referredLead: 'no-such-lead',
      });
      expect(wrong.status).toBe(422);
      expect(JSON.stringify(wrong.body)).toContain('referredLead');
      expect(page.pageErrors).toEqual([]);
    });
  }, 400_000);

  it('archives a published field: it leaves the form, its values come back with the version before (zh-CN)', async ({
    task,
  }) => {
    await server.freshOnRetry(task);
    await inBuilderBrowser(
      'builder-fields-archive',
      { locale: 'zh-CN', cleanUp: discardDraft },
      async (page) => {
        await openBuilder(page, server, 'entities/lead');
        // A lead with an education level (学历), as the demo has many.
        const before = await page.evaluate(async () => {
          const list = (await (await fetch('/api/v1/records/lead?limit=200')).json()) as {
            items: Record<string, unknown>[];
          };
          const lead = list.items.find((r) => typeof r['education'] === 'string')!;
          return { id: String(lead['id']), education: String(lead['education']) };
        });

        await page.getByRole('button', { name: '学历', exact: true }).click();
        await page
          .getByRole('dialog')
          .getByRole('button', { name: /删除字段/ })
          .click();
        const confirm = page.locator('.ant-modal-confirm');
        await confirm.getByText('发布时它的值会被归档，恢复该字段时可找回。').waitFor();
        await confirm.getByRole('button', { name: /^删\s?除$/ }).click();
        await draftSaved(page);
        expect(
          (await draftSpec<Spec>(page))!.entities[0]!.fields.some((f) => f.key === 'education'),
        ).toBe(false);

        // The lead form still places it: the problem list says so and leads there.
        await page.getByText(/^\d+ 个问题$/).waitFor({ timeout: 30_000 });
        await page.getByRole('button', { name: '问题', exact: true }).click();
        await page.getByRole('button', { name: '查看' }).first().click();
        await page.waitForURL(/\/builder\/forms/);
        await page.getByRole('button', { name: /education$/ }).click();
        await page.getByRole('button', { name: '移出表单' }).click();
        await draftSaved(page);
        const form = (await draftSpec<Spec>(page))!.forms.find((f) => f.key === 'lead-edit')!;
        expect(
          form.sections
            .flatMap((s) => s.fields)
            .some((p) => (typeof p === 'string' ? p : p.field) === 'education'),
        ).toBe(false);

        // Publishing says how many values are archived and asks for an explicit "I understand".
        await page.getByRole('button', { name: '发布…' }).click();
        const publish = page.getByRole('dialog');
        await publish
          .getByText(/“学历”的 \d+ 个值/)
          .first()
          .waitFor();
        const go = publish.getByRole('button', { name: /^发\s?布$/ });
        expect(await go.isDisabled()).toBe(true);
        await shot(page, 'builder-fields-archive-plan-zh-CN-desktop');
        await publish.getByText(/^我已了解/).click();
        await go.click();
        const published = Number(
          /\d+/.exec(await page.getByText(/已发布版本 \d+/).innerText())![0],
        );

        // The record page's form no longer has it; the record no longer carries it.
        await page.goto(`${server.url}/records/lead/${before.id}`);
        await page.getByText('手机号').first().waitFor();
        expect(await page.getByText('学历', { exact: true }).count()).toBe(0);
        const gone = await page.evaluate(
          async (id) =>
            ((await (await fetch(`/api/v1/records/lead/${id}`)).json()) as Record<string, unknown>)[
              'education'
            ],
          before.id,
        );
        expect(gone).toBeUndefined();

        // Restoring the version before brings the field and this lead's value back.
        await page.goto(`${server.url}/builder/history`);
        await page
          .getByRole('row')
          .filter({ has: page.getByRole('cell', { name: `v${published - 1}`, exact: true }) })
          .getByRole('button', { name: '恢复…' })
          .click();
        const restore = page.getByRole('dialog');
        await restore.getByRole('button', { name: `恢复版本 ${published - 1}` }).click();
        await restore.waitFor({ state: 'hidden' });
        await expect
          .poll(() =>
            page.evaluate(
              async (id) =>
                (
                  (await (await fetch(`/api/v1/records/lead/${id}`)).json()) as Record<
                    string,
                    unknown
                  >
                )['education'],
              before.id,
            ),
          )
          .toBe(before.education);
        expect(page.pageErrors).toEqual([]);
      },
    );
  }, 400_000);
});
