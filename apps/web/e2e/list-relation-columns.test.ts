import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiSession } from './harness/api-session';
import { DESKTOP, newPage, openBrowser, PHONE, shot, signIn } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-/;

/** The list's cells (desktop) or card lines (phone) as shown, with a cut text's whole in `title`. */
const cells = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.trellis-table-row .trellis-td')].map((td) => ({
      shown: td.textContent ?? '',
      title: td.getAttribute('title'),
    })),
  );

// Found by the session 25 tour: an enrolment's student read as 01a2208b-5c26-7485…, and the
// English lead list cut its channel ("WeChat offic…") while the name column had room to spare.
describe('list columns that read like the record, not like the database', () => {
  it('en and zh-CN, desktop and phone: an enrolment shows its student by name', async () => {
    const admin = server.login('admin');
    const api = await apiSession(server, admin.login);
    const page1 = await api<{ items: { student?: string }[] }>(
      'GET',
      '/api/v1/views/enrollments/records?limit=20',
    );
    const studentId = page1.items.find((e) => typeof e.student === 'string')?.student;
    expect(studentId, 'a demo enrolment with a student').toBeTruthy();
    const student = await api<{ name: string }>('GET', `/api/v1/records/student/${studentId}`);
    for (const locale of ['en', 'zh-CN'] as const) {
      const browser = await openBrowser(locale);
      try {
        const desk = await newPage(browser, DESKTOP);
        await signIn(desk, server.url, admin.login, admin.password);
        await desk.goto(`${server.url}/records/enrollment?view=enrollments`);
        await desk.locator('.trellis-td', { hasText: student.name }).first().waitFor();
        const shown = await cells(desk);
        expect(shown.filter((c) => UUID.test(c.shown) || UUID.test(c.title ?? ''))).toEqual([]);
        await shot(desk, `enrollments-${locale}-desktop`, { fullPage: false });
        expect(desk.pageErrors).toEqual([]);

        const phone = await newPage(browser, PHONE);
        await signIn(phone, server.url, admin.login, admin.password);
        await phone.goto(`${server.url}/records/enrollment?view=enrollments`);
        const cards = phone.locator('.trellis-card-meta');
        await phone.getByText(student.name).first().waitFor();
        expect((await cards.allInnerTexts()).filter((t) => UUID.test(t))).toEqual([]);
        await shot(phone, `enrollments-${locale}-phone`, { fullPage: false });
        expect(phone.pageErrors).toEqual([]);
      } finally {
        await browser.closeAll();
      }
    }
  }, 180_000);

  it('en desktop: a lead\'s channel reads whole ("WeChat official account"), not cut at 120 px', async () => {
    const admin = server.login('admin');
    const api = await apiSession(server, admin.login);
    type Field = { key: string; options?: { label: { en: string } }[] };
    const { spec } = await api<{ spec: { entities: { key: string; fields: Field[] }[] } }>(
      'GET',
      '/api/v1/spec',
    );
    const source = spec.entities
      .find((e) => e.key === 'lead')!
      .fields.find((f) => f.key === 'source')!;
    const labels = source.options!.map((o) => o.label.en);
    expect(labels).toContain('WeChat official account');
    const browser = await openBrowser('en');
    try {
      const page = await newPage(browser, DESKTOP);
      await signIn(page, server.url, admin.login, admin.password);
      await page.goto(`${server.url}/records/lead?view=all-leads`);
      await page.locator('.trellis-table-row').first().waitFor();
      const shown = await cells(page);
      expect(
        shown.some((c) => labels.includes(c.shown)),
        'a channel shown whole',
      ).toBe(true);
      expect(shown.filter((c) => c.title !== null && labels.includes(c.title))).toEqual([]);
      await shot(page, 'lead-channels-en-desktop', { fullPage: false });
    } finally {
      await browser.closeAll();
    }
  }, 120_000);
});
