import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { choose } from './harness/antd';
import { shot, signIn, DESKTOP, PHONE } from './harness/browser';
import { inBuilderBrowser } from './harness/builder-browser';
import { discardDraft, draftSpec, draftSaved } from './harness/draft';
import { ownServer } from './harness/own-server';

type Spec = {
  teams?: { key: string; label: Record<string, string>; parent?: string }[];
  activityTypes?: { key: string; label: Record<string, string>; countsAsContact?: boolean }[];
};
type User = {
  id: string;
  name: string;
  login: string;
  role: string;
  teams: string[];
  supervisorId?: string | null;
};

// It publishes a team and an activity type: a demo server of its own.
const server = ownServer();

const users = (page: Page) =>
  page.evaluate(
    async () =>
      ((await (await fetch('/api/v1/users?limit=200')).json()) as { items: User[] }).items,
  ) as Promise<User[]>;

describe('teams, members and supervisors; activity types', () => {
  it('adds a team under Sales, one named only in Chinese and an activity type, publishes, then staffs the team with a supervisor (zh-CN)', async ({
    task,
  }) => {
    await server.freshOnRetry(task);
    await inBuilderBrowser('builder-people', { locale: 'zh-CN' }, async (page) => {
      const who = server.login('admin');
      await signIn(page, server.url, who.login, who.password);
      await discardDraft(page);

      // A team, part of Sales: before it is published it has no members to show.
      await page.goto(`${server.url}/builder/teams`);
      await page.getByRole('button', { name: '添加团队' }).click();
      const team = page
        .locator('.ant-card-small')
        .filter({ has: page.getByLabel('上级团队') })
        .last();
      await expect
        .poll(() => team.getByLabel('名称 (英文)').inputValue(), { timeout: 30_000 })
        .toBe('New team');
      await team.getByLabel('名称 (中文)').fill('北京组');
      await team.getByLabel('名称 (英文)').fill('Beijing team');
      await choose(page, team.getByLabel('上级团队'), '销售部');
      await team.getByText('请先发布团队，再在这里添加成员。').waitFor();
      await draftSaved(page);

      // A team named only in Chinese: its key is the name's pinyin, readable in exports and
      // the API (it was "team-2").
      await page.getByRole('button', { name: '添加团队' }).click();
      const zhOnly = page
        .locator('.ant-card-small')
        .filter({ has: page.getByLabel('上级团队') })
        .last();
      await expect
        .poll(() => zhOnly.getByLabel('名称 (英文)').inputValue(), { timeout: 30_000 })
        .toBe('New team');
      await zhOnly.getByLabel('名称 (中文)').fill('招生组');
      await zhOnly.getByLabel('名称 (中文)').blur();
      await expect
        .poll(() => zhOnly.getByLabel('标识', { exact: true }).inputValue(), { timeout: 30_000 })
        .toBe('zhao-sheng-zu');
      await draftSaved(page);
      await zhOnly.scrollIntoViewIfNeeded();
      await shot(page, 'builder-teams-pinyin-key-zh-CN-desktop', { fullPage: false });

      // An activity type that counts as contact.
      await page.goto(`${server.url}/builder/activities`);
      await page.getByRole('button', { name: '新建类型' }).click();
      const type = page
        .locator('.ant-card-small')
        .filter({ has: page.getByRole('switch', { name: '算作联系' }) })
        .last();
      await expect
        .poll(() => type.getByLabel('名称 (英文)').inputValue(), { timeout: 30_000 })
        .toBe('New activity');
      await type.getByLabel('名称 (中文)').fill('到校参观');
      await type.getByLabel('名称 (英文)').fill('Campus visit');
      // A new type counts as contact unless switched off.
      expect(
        await type.getByRole('switch', { name: '算作联系' }).getAttribute('aria-checked'),
      ).toBe('true');
      await draftSaved(page);
      const draft = (await draftSpec<Spec>(page))!;
      const teamSpec = draft.teams!.at(-2)!;
      expect(teamSpec).toMatchObject({
        label: { 'zh-CN': '北京组', en: 'Beijing team' },
        parent: 'sales',
      });
      expect(draft.teams!.at(-1)).toMatchObject({
        key: 'zhao-sheng-zu',
        label: { 'zh-CN': '招生组' },
      });
      const typeSpec = draft.activityTypes!.at(-1)!;
      expect(typeSpec).toMatchObject({
        label: { 'zh-CN': '到校参观', en: 'Campus visit' },
      });
      expect(typeSpec.countsAsContact).not.toBe(false);

      await page.getByRole('button', { name: '发布…' }).click();
      const publish = page.getByRole('dialog');
      await publish.getByText(/^\d+ 项修改$/).waitFor();
      await publish.getByRole('button', { name: /^发\s?布$/ }).click();
      await page.getByText(/已发布版本 \d+/).waitFor();

      // Published: two people join the team (at once, no publish), one supervises the other.
      const people = await users(page);
      const rep = people.find((u) => u.role === 'sales' && !u.teams.includes(teamSpec.key))!;
      const lead = people.find((u) => u.role === 'supervisor' && u.id !== rep.id)!;
      await page.goto(`${server.url}/builder/teams`);
      const card = page
        .locator('.ant-card-small')
        .filter({ has: page.getByText(teamSpec.key, { exact: true }) })
        .first();
      await card.getByText('这个团队还没有成员。').waitFor();
      // As a person does in a long list: type to narrow it, Enter takes the one left.
      // The open select's own dropdown: the one closing before it can still be visible while it
      // animates out, holding the same person (CI: "resolved to 2 elements").
      const dropdownOf = async (select: Locator) => {
        await expect.poll(() => select.getAttribute('aria-controls')).toBeTruthy();
        const list = await select.getAttribute('aria-controls');
        return page.locator(`.ant-select-dropdown:has([id="${list}"])`);
      };
      const typeAndTake = async (select: Locator, text: string) => {
        await select.click();
        await select.pressSequentially(text);
        const dropdown = await dropdownOf(select);
        await dropdown
          .locator('.ant-select-item-option-active')
          .filter({ hasText: text })
          .waitFor();
        await page.keyboard.press('Enter');
      };
      for (const person of [rep, lead]) {
        await typeAndTake(card.getByLabel('添加人员…'), person.login);
        await card.getByLabel(`把 ${person.name} 移出团队`).waitFor({ timeout: 30_000 });
      }
      await typeAndTake(card.getByLabel(`${rep.name} 的主管`), lead.name);
      await card
        .locator('.ant-select-content', { hasText: `主管：${lead.name}` })
        .waitFor({ timeout: 30_000 });
      await expect
        .poll(async () => {
          const now = (await users(page)).find((u) => u.id === rep.id)!;
          return { teams: now.teams.includes(teamSpec.key), supervisorId: now.supervisorId };
        })
        .toEqual({ teams: true, supervisorId: lead.id });
      await card.scrollIntoViewIfNeeded();
      await shot(page, 'builder-teams-members-zh-CN-desktop');
      // On a phone the teams are folded to their names; a tap opens this one.
      await page.setViewportSize(PHONE);
      const title = card.getByRole('button', { name: /北京组$/ });
      await expect.poll(() => title.getAttribute('aria-expanded')).toBe('false');
      await title.click();
      await card.locator('.ant-select-content', { hasText: `主管：${lead.name}` }).waitFor();
      await shot(page, 'builder-teams-members-zh-CN-phone');
      await page.setViewportSize(DESKTOP);

      // Nobody supervises themselves: the lead's own supervisor picker does not offer the lead.
      const leadsSupervisor = card.getByLabel(`${lead.name} 的主管`);
      await leadsSupervisor.click();
      const offered = (await dropdownOf(leadsSupervisor)).locator('.ant-select-item-option');
      await offered.first().waitFor();
      expect(await offered.filter({ hasText: new RegExp(`^${lead.name}$`) }).count()).toBe(0);
      await page.keyboard.press('Escape');

      // The activity type is what people log now; a type the spec does not have is refused.
      const leadId = await page.evaluate(
        async () =>
          (
            (await (await fetch('/api/v1/records/lead?limit=1')).json()) as {
              items: { id: string }[];
            }
          ).items[0]!.id,
      );
      const log = (t: string) =>
        page.evaluate(
          async ({ id, t }) =>
            (
              await fetch(`/api/v1/records/lead/${id}/activities`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ type: t, body: '家长带孩子来校参观' }),
              })
            ).status,
          { id: leadId, t },
        );
      expect(await log(typeSpec.key)).toBe(201);
      expect(await log('no-such-type')).toBeGreaterThanOrEqual(400);
      expect(await log('no-such-type')).toBeLessThan(500);
      expect(page.pageErrors).toEqual([]);
    });
  }, 400_000);
});
