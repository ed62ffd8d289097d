import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { choose } from './harness/antd';
import { shot, PHONE } from './harness/browser';
import { inBuilderBrowser } from './harness/builder-browser';
import { openBuilder, publishDraft, signInAs } from './harness/builder-steps';
import { draftSpec, draftSaved } from './harness/draft';
import { ownServer } from './harness/own-server';

type Spec = {
  webhookSources?: {
    key: string;
    label: Record<string, string>;
    auth: { type: string; header: string; algorithm?: string };
    mapping: Record<string, string>;
  }[];
};

// It publishes a source and sets secrets: a demo server of its own keeps the shared one as shipped.
const server = ownServer();

/** What an outside system does: POST /hooks/<key> with its headers; the status and answer. */
async function deliver(key: string, body: unknown, headers: Record<string, string>) {
  const res = await fetch(`${server.url}/hooks/${key}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Generates the secret of the source in `card` through its Health, and reads it once. */
async function generateSecret(page: Page, card: Locator): Promise<string> {
  await card.getByRole('button', { name: '生成密钥' }).click();
  const dialog = page.getByRole('dialog', { name: '新密钥' });
  const secret = (await dialog.locator('code').innerText()).trim();
  expect(secret.length).toBeGreaterThanOrEqual(16);
  await shot(page, 'builder-intake-secret-zh-CN-desktop', { fullPage: false });
  await dialog.getByRole('button', { name: /^完\s?成$/ }).click();
  await card.getByText('已设置', { exact: true }).waitFor({ timeout: 30_000 });
  return secret;
}

describe('webhook sources: proof of sender, mapping, live health', () => {
  it('builds an HMAC source, publishes it, generates its secret and shows refused and accepted deliveries (zh-CN)', async ({
    task,
  }) => {
    await server.freshOnRetry(task);
    await inBuilderBrowser('builder-intake', { locale: 'zh-CN' }, async (page) => {
      await openBuilder(page, server, 'intake');
      await page.getByRole('button', { name: '添加来源' }).click();
      const card = page
        .locator('.ant-card-small')
        .filter({ has: page.getByRole('button', { name: '映射字段' }) })
        .last();
      await expect
        .poll(() => card.getByLabel('名称 (英文)').inputValue(), { timeout: 30_000 })
        .toBe('New source');
      await card.getByLabel('名称 (中文)').fill('小程序');
      await card.getByLabel('名称 (英文)').fill('Mini program');
      await card.getByText('HMAC 签名', { exact: true }).click();
      await expect
        .poll(() => card.getByLabel('请求头', { exact: true }).inputValue())
        .toBe('x-signature');
      // Three mappings: name and phone as offered, the third turned into the lead's channel.
      const paths = card.getByLabel(/ 的路径$/);
      for (let n = 1; n <= 3; n++) {
        await card.getByRole('button', { name: '映射字段' }).click();
        await expect.poll(() => paths.count()).toBe(n);
      }
      await choose(page, card.getByLabel('字段', { exact: true }).nth(2), '来源渠道');
      await card.getByLabel('source 的路径').fill('$.channel');
      await draftSaved(page);
      const source = (await draftSpec<Spec>(page))!.webhookSources!.at(-1)!;
      expect(source).toMatchObject({
        label: { 'zh-CN': '小程序', en: 'Mini program' },
        auth: { type: 'hmac', header: 'x-signature', algorithm: 'sha256' },
        mapping: { name: '$.name', phone: '$.phone', source: '$.channel' },
      });

      await publishDraft(page, 'zh-CN');

      // Published: the endpoint and "no secret yet", at once (not at the next 30 s refresh).
      await card.getByText(`/hooks/${source.key}`).waitFor();
      await card.getByText('未设置', { exact: true }).waitFor();
      const secret = await generateSecret(page, card);

      // A sender signing with something else is refused; one signing with the secret is not.
      const lead = { name: '小程序测试', phone: '13800138123', channel: 'wechatMp' };
      const refused = await deliver(source.key, lead, { 'x-signature': 'sha256=00ff' });
      expect(refused.status).toBe(401);
      const raw = JSON.stringify(lead);
      const signature = createHmac('sha256', secret).update(raw).digest('hex');
      const accepted = await deliver(source.key, lead, { 'x-signature': `sha256=${signature}` });
      expect(accepted.status).toBe(201);
      const record = await page.evaluate(
        async (id) => (await fetch(`/api/v1/records/lead/${id}`)).json() as Promise<unknown>,
        String(accepted.body['id']),
      );
      // The mapping filled the fields; the phone was stored normalised (+86…).
      expect(JSON.stringify(record)).toContain('小程序测试');
      expect(JSON.stringify(record)).toContain('+8613800138123');
      expect(JSON.stringify(record)).toContain('wechatMp');

      // Health, as the builder sees it after a reload: the last lead, the refused delivery and why.
      await page.reload();
      const health = page
        .locator('.ant-card-small')
        .filter({ has: page.getByText(`/hooks/${source.key}`) })
        .last();
      const failures = health.getByRole('list', { name: '最近被拒绝的推送' });
      await failures.getByText('x-signature 中的签名错误或缺失。').waitFor({ timeout: 30_000 });
      expect(await failures.getByRole('listitem').count()).toBe(1);
      expect(await health.getByText('从未').count()).toBe(0);
      // The last delivery got through: the source is not marked as failing.
      expect(await health.getByText('自上条线索以来一直失败').count()).toBe(0);
      await health.scrollIntoViewIfNeeded();
      await shot(page, 'builder-intake-health-zh-CN-desktop');
      expect(page.pageErrors).toEqual([]);
    });
  }, 300_000);

  it('gives the token source a token, refuses a wrong one and marks the source failing (en phone)', async () => {
    await inBuilderBrowser('builder-intake-en', { locale: 'en', viewport: PHONE }, async (page) => {
      await signInAs(page, server, 'admin');
      await page.goto(`${server.url}/builder/intake`);
      // On a phone the sources are folded to their names: a tap opens one.
      const title = page.getByRole('button', { name: /Douyin lead ads$/ });
      const card = page.locator('.ant-card-small').filter({ has: title }).first();
      expect(await title.getAttribute('aria-expanded')).toBe('false');
      expect(await card.getByText('/hooks/douyin').count()).toBe(0);
      await shot(page, 'builder-intake-folded-en-phone', { fullPage: false });
      await title.click();
      await card.getByText('Not set', { exact: true }).waitFor({ timeout: 30_000 });
      await card.getByRole('button', { name: 'Generate a secret' }).click();
      const dialog = page.getByRole('dialog', { name: 'The new secret' });
      await dialog.getByText('x-trellis-token').first().waitFor();
      const token = (await dialog.locator('code').innerText()).trim();
      await shot(page, 'builder-intake-secret-en-phone', { fullPage: false });
      await dialog.getByRole('button', { name: 'Done' }).click();

      const lead = { lead: { name: 'Douyin test', telephone: '13900139123' } };
      expect((await deliver('douyin', lead, { 'x-trellis-token': token })).status).toBe(201);
      expect((await deliver('douyin', lead, { 'x-trellis-token': 'not-the-token' })).status).toBe(
        401,
      );

      await page.reload();
      await title.click();
      const failures = card.getByRole('list', { name: 'Last refused deliveries' });
      await failures
        .getByText('Wrong or missing token in x-trellis-token.')
        .waitFor({ timeout: 30_000 });
      await card.getByText('Failing since the last lead').waitFor();
      // A new token replaces the old one only when asked.
      await card.getByRole('button', { name: 'Replace the secret' }).click();
      await page.getByRole('dialog', { name: 'Replace the secret of this source?' }).waitFor();
      await page.getByRole('button', { name: 'Cancel' }).click();
      expect((await deliver('douyin', lead, { 'x-trellis-token': token })).status).toBe(201);
      await card.scrollIntoViewIfNeeded();
      await shot(page, 'builder-intake-health-en-phone', { fullPage: false });
      expect(page.pageErrors).toEqual([]);
    });
  }, 240_000);
});
