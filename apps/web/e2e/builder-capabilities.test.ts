import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, confirmModal } from './harness/antd';
import { shot, signIn } from './harness/browser';
import type { Page } from 'playwright-core';
import { inBuilderBrowser } from './harness/builder-browser';
import { formItem as item, publishDraft } from './harness/builder-steps';
import { discardDraft, draftSpec, draftSaved } from './harness/draft';
import { startTrellis, type RunningTrellis } from './harness/trellis';

type Placement = string | { field: string; visibleIf?: unknown };
type Spec = {
  forms: { key: string; sections: { fields: Placement[] }[] }[];
  quickReplies?: { key: string; label: Record<string, string>; body: Record<string, string> }[];
  webhookSources?: {
    key: string;
    label: Record<string, string>;
    mapping: Record<string, string>;
  }[];
};

// These tests publish and restore versions: a demo server of their own keeps the template as
// shipped for the other browser tests.
let server: RunningTrellis;
beforeAll(async () => {
  server = await startTrellis();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

// "Python leads, or leads whose WeChat ID is their phone number": the builder shows the first
// part as a rule; comparing two fields is JSONLogic it has no rule for, so it stays JSON.
const RAW = { '==': [{ var: 'wechatId' }, { var: 'phone' }] };
const CONDITION = { or: [{ '==': [{ var: 'course' }, 'python'] }, RAW] };

/** Signs in as the admin and throws away any draft an earlier (failed) run left. */
async function asAdmin(page: Page) {
  const who = server.login('admin');
  await signIn(page, server.url, who.login, who.password);
  await discardDraft(page);
}

describe('the builder keeps what it cannot show', () => {
  it('reads a condition with an unknown part back as a rule and JSON, and edits the rule without losing the JSON', async () => {
    await inBuilderBrowser(
      'builder-raw-condition',
      { locale: 'en', cleanUp: discardDraft },
      async (page) => {
        await asAdmin(page);
        // A hand-written condition, as the JSON tab or a template author would leave it.
        const saved0 = await page.evaluate(async (condition) => {
          const live = (await (await fetch('/api/v1/spec')).json()) as { spec: Spec };
          const form = live.spec.forms.find((f) => f.key === 'lead-edit')!;
          for (const section of form.sections)
            section.fields = section.fields.map((p) =>
              (typeof p === 'string' ? p : p.field) === 'wechatId'
                ? { ...(typeof p === 'string' ? {} : p), field: 'wechatId', visibleIf: condition }
                : p,
            );
          const res = await fetch('/api/v1/spec/draft', {
            method: 'PUT',
            headers: { 'content-type': 'application/json', 'if-match': '"0"' },
            body: JSON.stringify(live.spec),
          });
          return res.status;
        }, CONDITION);
        expect(saved0).toBe(200);

        await page.goto(`${server.url}/builder/forms/lead-edit`);
        await page.getByRole('button', { name: /WeChat ID$/ }).click();
        const shown = item(page.getByRole('dialog'), 'Shown when');
        const raw = shown.getByLabel('Advanced condition (JSON, kept as written)');
        expect(JSON.parse(await raw.inputValue())).toEqual(RAW);
        await shown.getByText('Python programming').waitFor();
        await shot(page, 'builder-raw-condition-en-desktop');

        // The rule is changed with the pickers; the JSON part is written back unchanged.
        await choose(page, shown.getByLabel('Value'), 'UI design');
        await draftSaved(page);
        const placed = (await draftSpec<Spec>(page))!.forms
          .find((f) => f.key === 'lead-edit')!
          .sections.flatMap((s) => s.fields)
          .find((p) => typeof p !== 'string' && p.field === 'wechatId') as { visibleIf: unknown };
        expect(placed.visibleIf).toEqual({ or: [{ '==': [{ var: 'course' }, 'uiDesign'] }, RAW] });
        expect(page.pageErrors).toEqual([]);
      },
    );
  }, 240_000);
});

describe('the JSON tab', () => {
  it('opens the whole spec in Monaco served by Trellis itself, never from a CDN', async () => {
    await inBuilderBrowser('builder-json-zh-CN', { locale: 'zh-CN' }, async (page) => {
      await asAdmin(page);
      const elsewhere: string[] = [];
      page.on('request', (r) => {
        const url = r.url();
        if (!url.startsWith(server.url) && !url.startsWith('data:') && !url.startsWith('blob:'))
          elsewhere.push(url);
      });
      await page.goto(`${server.url}/builder/json`);
      const editor = page.locator('.monaco-editor');
      await editor.waitFor({ timeout: 60_000 });
      await editor.locator('.view-lines').getByText('"specVersion"').waitFor();
      await shot(page, 'builder-json-zh-CN-desktop');
      expect(elsewhere).toEqual([]);
      expect(page.pageErrors).toEqual([]);
    });
  }, 180_000);
});

describe('quick replies, webhook sources and version history', () => {
  it('adds a quick reply and a webhook source with a mapping, publishes, then restores the version before', async () => {
    await inBuilderBrowser('builder-capabilities', { locale: 'en' }, async (page) => {
      await asAdmin(page);
      // Names of this attempt: a retry in CI runs on the versions the failed attempt published,
      // and must not take that attempt's reply and source for its own.
      const n = Date.now() % 100_000;
      const reply_ = { zh: `课程介绍${n}`, en: `Course list ${n}` };
      const source_ = { zh: `小程序${n}`, en: `Mini program ${n}` };
      await page.goto(`${server.url}/builder/activities`);
      await page.getByRole('button', { name: 'New reply' }).click();
      // Replies are the cards with a text; a new one is added last.
      const reply = page
        .locator('.ant-card-small')
        .filter({ has: page.getByLabel('Text (English)') })
        .last();
      await expect
        .poll(() => reply.getByLabel('Name (English)').inputValue(), { timeout: 30_000 })
        .toBe('New reply');
      await reply.getByLabel('Name (Chinese)').fill(reply_.zh);
      await reply.getByLabel('Name (English)').fill(reply_.en);
      await reply.getByLabel('Text (English)').fill('Hello {{name}}, here are our courses.');
      await draftSaved(page);

      await page.goto(`${server.url}/builder/intake`);
      await page.getByRole('button', { name: 'Add a source' }).click();
      // Sources are the cards with a mapping; a new one is added last.
      const source = page
        .locator('.ant-card-small')
        .filter({ has: page.getByRole('button', { name: 'Map a field' }) })
        .last();
      await expect
        .poll(() => source.getByLabel('Name (English)').inputValue(), { timeout: 30_000 })
        .toBe('New source');
      await source.getByLabel('Name (Chinese)').fill(source_.zh);
      await source.getByLabel('Name (English)').fill(source_.en);
      // A new source maps nothing yet: the first mapping row is the one added here.
      await source.getByRole('button', { name: 'Map a field' }).click();
      const path = source.getByLabel(/^Payload path for /).first();
      const field = ((await path.getAttribute('aria-label')) ?? '').replace(
        'Payload path for ',
        '',
      );
      await path.fill('$.contact.value');
      await draftSaved(page);
      await shot(page, 'builder-intake-source-en-desktop');

      const draft = (await draftSpec<Spec>(page))!;
      expect(draft.quickReplies?.at(-1)).toMatchObject({
        label: { 'zh-CN': reply_.zh, en: reply_.en },
        body: { en: 'Hello {{name}}, here are our courses.' },
      });
      const added = draft.webhookSources!.at(-1)!;
      expect(added.label).toEqual({ 'zh-CN': source_.zh, en: source_.en });
      expect(added.mapping[field]).toBe('$.contact.value');

      const published = await publishDraft(page, 'en');

      // Restoring the version before takes both out of the live app again.
      await page.goto(`${server.url}/builder/history`);
      // The row whose version cell says it (a row's text runs its cells together: "v112/4/…").
      await page
        .getByRole('row')
        .filter({ has: page.getByRole('cell', { name: `v${published - 1}`, exact: true }) })
        .getByRole('button', { name: 'Restore…' })
        .click();
      const restore = page.getByRole('dialog');
      await confirmModal(
        page,
        restore,
        restore.getByRole('button', { name: `Restore version ${published - 1}` }),
      );
      const live = await page.evaluate(
        async () => ((await (await fetch('/api/v1/spec')).json()) as { spec: Spec }).spec,
      );
      expect(live.quickReplies?.some((r) => r.label.en === reply_.en)).toBe(false);
      expect(live.webhookSources?.some((s) => s.label.en === source_.en)).toBe(false);
      // The new live version, opened, says what it restored.
      await page
        .getByRole('row')
        .filter({ has: page.getByRole('cell', { name: `v${published + 1}` }) })
        .getByRole('button', { name: /expand/i })
        .click();
      await page
        .getByText(`Restored version ${published - 1}.`)
        .first()
        .waitFor();
      await shot(page, 'builder-history-restored-en-desktop');

      // The draft open in this page follows the restore (it held the spec live before it, and
      // an edit published from there would have brought both back): no "newer version" banner,
      // the source is gone from the intake section (reached without reloading the page), and
      // the next edit saves as a new draft of the restored spec.
      await page
        .getByRole('navigation', { name: 'Builder sections' })
        .getByRole('button', { name: /Intake$/ })
        .click();
      await page.getByText('Douyin lead ads').first().waitFor();
      // Exact: the section's intro speaks of "mini programs".
      expect(await page.getByText(source_.en, { exact: true }).count()).toBe(0);
      expect(await page.getByText(/has been published since/).count()).toBe(0);
      await page
        .getByRole('navigation', { name: 'Builder sections' })
        .getByRole('button', { name: /Activities & replies$/ })
        .click();
      await page.getByRole('button', { name: 'New reply' }).click();
      // Polled on the server's draft: the save status already said "saved" before the click.
      await expect
        .poll(async () => (await draftSpec<Spec>(page))?.quickReplies?.at(-1)?.label.en, {
          timeout: 30_000,
        })
        .toBe('New reply');
      const after = (await draftSpec<Spec>(page))!;
      expect(after.webhookSources?.some((s) => s.label.en === source_.en)).toBe(false);
      expect(after.quickReplies?.some((r) => r.label.en === reply_.en)).toBe(false);
      expect(page.pageErrors).toEqual([]);
    });
  }, 300_000);
});
