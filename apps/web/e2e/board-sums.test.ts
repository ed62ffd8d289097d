import { describe, expect, it } from 'vitest';
import { apiSession } from './harness/api-session';
import { inBothLocales, shot } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();

type Lead = { id: string; stage: string; quotedAmount?: number | null };
type Spec = {
  pipelines: { entity: string; stages: { key: string; label: Record<string, string> }[] }[];
  entities: {
    key: string;
    fields: { key: string; type: string; label: Record<string, string> }[];
  }[];
};

/** The amount in a column's sum line ("报价金额 ¥12,800.00", "Quoted amount CN¥12,800.00"). */
const amountIn = (text: string) => Number(/\d[\d,]*(\.\d+)?/.exec(text)![0].replace(/,/g, ''));

describe("the board's column headers", () => {
  it("a column's count and money sum are those of its records from the API — zh-CN desktop, en phone", async () => {
    const supervisor = server.login('supervisor');
    const api = await apiSession(server, supervisor.login);
    const { spec } = await api<{ spec: Spec }>('GET', '/api/v1/spec');
    const stages = spec.pipelines.find((p) => p.entity === 'lead')!.stages;
    const money = spec.entities
      .find((e) => e.key === 'lead')!
      .fields.find((f) => f.type === 'money')!;
    // The board's records, every page of its view, added up here per stage.
    const columns = async () => {
      const all: Lead[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Lead[]; nextCursor: string | null } = await api(
          'GET',
          `/api/v1/views/team-board/records?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return stages.map((s) => {
        const mine = all.filter((l) => l.stage === s.key);
        const sum = mine.reduce((a, l) => a + Number(l[money.key as 'quotedAmount'] ?? 0), 0);
        return { stage: s.key, count: mine.length, amount: sum / 100 };
      });
    };
    await inBothLocales(server.url, supervisor, async (page, locale) => {
      await page.goto(`${server.url}/board/team-board`);
      const shown = async () =>
        Promise.all(
          stages.map(async (s) => {
            const column = page.getByRole('region', { name: s.label[locale], exact: true });
            const head = column.locator('.trellis-board-head .ant-typography-secondary');
            const sum = column.locator('.trellis-board-sum');
            const sumText = (await sum.count()) > 0 ? await sum.innerText() : null;
            if (sumText !== null) expect(sumText).toContain(money.label[locale]);
            return {
              stage: s.key,
              count: Number(await head.innerText()),
              // No sum line when the column holds nothing to add up.
              amount:
                sumText === null ? 0 : amountIn(sumText.replace(money.label[locale] ?? '', '')),
            };
          }),
        );
      await page.locator('.trellis-board-sum').first().waitFor();
      // The shared demo server's automations may still be moving leads: read both again
      // after a reload until they agree.
      let expected = await columns();
      let seen = await shown();
      for (let tries = 0; tries < 5 && JSON.stringify(seen) !== JSON.stringify(expected); tries++) {
        await page.waitForTimeout(1_000);
        await page.reload();
        await page.locator('.trellis-board-sum').first().waitFor();
        expected = await columns();
        seen = await shown();
      }
      expect(seen).toEqual(expected);
      // Something to add up: at least one column has a sum, and there are cards to count.
      expect(expected.some((c) => c.amount > 0)).toBe(true);
      expect(expected.reduce((a, c) => a + c.count, 0)).toBeGreaterThan(0);
      await shot(page, `board-sums-${locale}-${locale === 'en' ? 'phone' : 'desktop'}`);
      expect(page.pageErrors).toEqual([]);
    });
  }, 120_000);
});
