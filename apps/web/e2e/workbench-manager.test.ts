import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiSession } from './harness/api-session';
import { inBothLocales, shot } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();

type Lead = { id: string; stage: string; ownerId: string | null; slaDueAt: number | null };
type Label = Record<string, string>;
type Spec = {
  pipelines: { entity: string; stages: { key: string; label: Label; category: string }[] }[];
};

/** The panel of the workbench titled `title` (exactly). */
const panel = (page: Page, title: string) =>
  page.locator('.ant-card', {
    has: page.locator('.ant-card-head-title', {
      hasText: new RegExp(`^${title.replace(/[()]/g, '\\$&')}$`),
    }),
  });

/** The first number of a text ("共 12 条 · 打开", "12 records · Open"). */
const numberIn = (text: string | null) =>
  Number(/\d[\d,]*/.exec(text ?? '')?.[0].replace(/,/g, ''));

describe("a manager's workbench: SLA breaches and unassigned leads", () => {
  it('each panel counts exactly the leads it names, by stage, and opens the list of exactly those — zh-CN desktop, en phone', async () => {
    const manager = server.login('manager');
    const api = await apiSession(server, manager.login);
    const { spec } = await api<{ spec: Spec }>('GET', '/api/v1/spec');
    const stages = spec.pipelines.find((p) => p.entity === 'lead')!.stages;
    const open = new Set(stages.filter((s) => s.category === 'open').map((s) => s.key));
    // Every lead the manager reads, page by page, sorted out here rather than by the server's
    // filter: the panels' answers are checked against the records themselves.
    const leads = async () => {
      const all: Lead[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Lead[]; nextCursor: string | null } = await api(
          'GET',
          `/api/v1/records/lead?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      const now = Date.now();
      return {
        breached: all.filter((l) => open.has(l.stage) && l.slaDueAt !== null && l.slaDueAt < now),
        unassigned: all.filter((l) => !l.ownerId),
      };
    };
    const panels = [
      {
        set: 'breached',
        view: 'sla-breached',
        title: { 'zh-CN': 'SLA 超时线索', en: 'SLA breaches' },
      },
      {
        set: 'unassigned',
        view: 'lead-pool',
        title: { 'zh-CN': '未分配线索（公海）', en: 'Unassigned leads (pool)' },
      },
    ] as const;
    await inBothLocales(server.url, manager, async (page, locale) => {
      for (const p of panels) {
        const card = panel(page, p.title[locale]);
        const more = card.locator('.ant-card-extra a');
        // What the panel shows against the records: its count, and its count per stage.
        const read = async () => {
          const expected = (await leads())[p.set];
          await expect.poll(() => more.textContent()).toMatch(/\d/);
          const perStage = new Map<string, number>();
          for (const l of expected) perStage.set(l.stage, (perStage.get(l.stage) ?? 0) + 1);
          return {
            expected,
            shown: {
              total: numberIn(await more.textContent()),
              tags: (await card.locator('.ant-tag').allInnerTexts()).sort(),
            },
            wanted: {
              total: expected.length,
              tags: stages
                .filter((s) => perStage.has(s.key))
                .map((s) => `${s.label[locale]} ${perStage.get(s.key)}`)
                .sort(),
            },
          };
        };
        await card.waitFor();
        // A lead's SLA may run out between the two reads, and the shared demo server's
        // automations may still be dealing leads: read again after a reload until they agree.
        let seen = await read();
        for (let tries = 0; tries < 5 && !same(seen.shown, seen.wanted); tries++) {
          await page.waitForTimeout(1_000);
          await page.reload();
          await card.waitFor();
          seen = await read();
        }
        expect(seen.shown, p.view).toEqual(seen.wanted);
        // The demo has some of each: a panel stuck at nothing would not pass.
        expect(seen.expected.length, p.view).toBeGreaterThan(0);
      }
      const box = await panel(page, panels[0].title[locale]).boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(page.viewportSize()!.width);
      await shot(page, `workbench-manager-${locale}-${locale === 'en' ? 'phone' : 'desktop'}`);

      // Each panel opens the list of exactly its leads: the same total, and every record on
      // screen is one of them.
      for (const p of panels) {
        await panel(page, p.title[locale]).locator('.ant-card-extra a').click();
        await page.waitForURL(new RegExp(`/records/lead\\?view=${p.view}$`));
        const rows = page.locator(
          locale === 'en' ? 'a.trellis-card-row' : '.trellis-table-row a[href^="/records/lead/"]',
        );
        await rows.first().waitFor();
        const total = page.locator('.trellis-toolbar [aria-live=polite]');
        const check = async () => {
          const ids = new Set((await leads())[p.set].map((l) => l.id));
          const hrefs = await rows.evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
          return {
            total: numberIn(await total.textContent()) === ids.size,
            strangers: hrefs.filter((h) => !ids.has(h.split('/').pop()!)),
            shown: hrefs.length > 0,
          };
        };
        await expect.poll(check, { timeout: 15_000 }).toEqual({
          total: true,
          strangers: [],
          shown: true,
        });
        await shot(page, `list-${p.view}-${locale}-${locale === 'en' ? 'phone' : 'desktop'}`);
        await page.goBack();
        await panel(page, p.title[locale]).waitFor();
      }
      expect(page.pageErrors).toEqual([]);
    });
  }, 180_000);
});

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
