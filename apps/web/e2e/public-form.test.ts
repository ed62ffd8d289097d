import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, newPage, openBrowser, PHONE, shot } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();

type Lead = {
  id: string;
  phone: string;
  name: string;
  campaignCode: string | null;
  ownerId: string | null;
  occupation: string | null;
  age: number | null;
};

/** The admin's session, for reading what the form created and publishing a test form. */
async function adminApi() {
  const admin = server.login('admin');
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: admin.login, password: admin.password }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const call = async (path: string, init: RequestInit = {}) => {
    const r = await fetch(`${server.url}${path}`, {
      ...init,
      headers: { cookie, origin: server.url, 'content-type': 'application/json', ...init.headers },
    });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };
  return {
    call,
    async leadsWithPhone(phone: string): Promise<Lead[]> {
      const filter = encodeURIComponent(JSON.stringify({ '==': [{ var: 'phone' }, phone] }));
      const r = await call(`/api/v1/records/lead?filter=${filter}&limit=10`);
      return r.body.items as Lead[];
    },
  };
}

/** A mobile number nobody in the demo data has, written with spaces as people type it. */
function freshPhone(): { typed: string; e164: string } {
  const digits = `139${String(Date.now()).slice(-8)}`;
  return {
    typed: `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`,
    e164: `+86${digits}`,
  };
}

async function invalidOf(page: Page, label: RegExp) {
  return page.getByLabel(label).first().getAttribute('aria-invalid');
}

const CASES = [
  {
    locale: 'zh-CN' as const,
    phoneLabel: /^手机号/,
    nameLabel: /^姓名/,
    course: 'Python编程',
    missingPhone: '“手机号”为必填项',
    submit: '立即预约',
    thanks: '预约成功！课程顾问会在 24 小时内通过电话或微信联系您。',
  },
  {
    locale: 'en' as const,
    phoneLabel: /^Mobile/,
    nameLabel: /^Name/,
    course: 'Python programming',
    missingPhone: '"Mobile phone" is required',
    submit: 'Book now',
    thanks: "You're booked! A course advisor will contact you by phone or WeChat within 24 hours.",
  },
];

describe('public form page /f/apply', () => {
  for (const c of CASES) {
    it(`a prospect on a phone (${c.locale}) fixes a missing phone and is thanked; one lead, campaign kept, routed`, async () => {
      const api = await adminApi();
      const browser = await openBrowser(c.locale);
      try {
        const page = await newPage(browser, PHONE);
        // A campaign code as the template writes them (channel_year_season_course).
        const campaign = `dy_2026_spring_python${c.locale === 'en' ? 'en' : 'zh'}`;
        await page.goto(`${server.url}/f/apply?utm_source=douyin&utm_campaign=${campaign}`);
        await page.getByRole('button', { name: c.submit }).waitFor();
        await shot(page, `public-form-${c.locale}-phone`);
        await page.getByLabel(c.nameLabel).fill(c.locale === 'zh-CN' ? '王小明' : 'Ming Wang');
        await page.getByLabel(/^(意向课程|Course of interest)/).selectOption({ label: c.course });
        await page.getByRole('button', { name: c.submit }).click();
        await page.getByText(c.missingPhone).waitFor();
        expect(await invalidOf(page, c.phoneLabel)).toBe('true');
        // Focus went to the field that needs fixing.
        expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('tel');
        await shot(page, `public-form-${c.locale}-phone-error`);

        const phone = freshPhone();
        await page.getByLabel(c.phoneLabel).fill(phone.typed);
        // A dropped connection after the server took the answers: the retry must not make a second lead.
        let dropped = false;
        await page.route('**/f/apply', async (route) => {
          if (route.request().method() !== 'POST' || dropped) return route.continue();
          dropped = true;
          await route.fetch();
          await route.abort('connectionreset');
        });
        await page.getByRole('button', { name: c.submit }).click();
        await page.getByRole('alert').waitFor();
        await page.getByRole('button', { name: c.submit }).click();
        await page.getByText(c.thanks).waitFor();
        await shot(page, `public-form-${c.locale}-thanks`);
        expect(dropped).toBe(true);

        const leads = await api.leadsWithPhone(phone.e164);
        expect(leads).toHaveLength(1);
        expect(leads[0]).toMatchObject({ campaignCode: campaign });
        // The automations route every new lead to an owner (the worker runs in the background).
        await expect
          .poll(async () => (await api.leadsWithPhone(phone.e164))[0]?.ownerId ?? null, {
            timeout: 30_000,
            interval: 500,
          })
          .not.toBeNull();
        expect(page.pageErrors).toEqual([]);
      } finally {
        await browser.closeAll();
      }
    });
  }

  it('shows a conditional question only while its rule holds and does not submit it hidden', async () => {
    const api = await adminApi();
    const live = await api.call('/api/v1/spec');
    const spec = live.body.spec as {
      forms: { key: string; slug?: string; sections: { fields: unknown[] }[] }[];
    };
    if (!spec.forms.some((f) => f.slug === 'apply-plus')) {
      const apply = spec.forms.find((f) => f.slug === 'apply')!;
      const plus = {
        ...apply,
        key: 'trial-apply-plus',
        slug: 'apply-plus',
        sections: [
          {
            ...apply.sections[0],
            fields: [
              ...apply.sections[0]!.fields,
              'occupation',
              {
                field: 'age',
                visibleIf: { '==': [{ var: 'occupation' }, 'student'] },
                requiredIf: { '==': [{ var: 'occupation' }, 'student'] },
              },
            ],
          },
        ],
      };
      const published = await api.call('/api/v1/spec/publish', {
        method: 'POST',
        body: JSON.stringify({ spec: { ...spec, forms: [...spec.forms, plus] }, note: 'e2e' }),
      });
      expect(published.status, JSON.stringify(published.body)).toBeLessThan(300);
    }
    const browser = await openBrowser('en');
    try {
      const page = await newPage(browser, PHONE);
      await page.goto(`${server.url}/f/apply-plus`);
      await page.getByRole('button', { name: 'Book now' }).waitFor();
      const age = page.getByLabel(/^Age/);
      expect(await age.count()).toBe(0);
      await page.getByLabel(/^Occupation/).selectOption({ label: 'Student' });
      await age.waitFor();
      await shot(page, 'public-form-en-conditional');
      await age.fill('19');
      await page.getByLabel(/^Occupation/).selectOption({ label: 'Office worker' });
      await age.waitFor({ state: 'detached' });
      const phone = freshPhone();
      await page.getByLabel(/^Mobile/).fill(phone.typed);
      await page.getByLabel(/^Name/).fill('Lei Li');
      await page.getByRole('button', { name: 'Book now' }).click();
      await page.getByRole('heading', { name: 'Thank you' }).waitFor();
      const [lead] = await api.leadsWithPhone(phone.e164);
      expect(lead).toMatchObject({ occupation: 'office', age: null });
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  });

  it('looks right at desktop width in both languages', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const browser = await openBrowser(locale);
      try {
        const page = await newPage(browser, DESKTOP);
        await page.goto(`${server.url}/f/apply`);
        await page
          .getByRole('button', { name: locale === 'en' ? 'Book now' : '立即预约' })
          .waitFor();
        await shot(page, `public-form-${locale}-desktop`);
        expect(await page.locator('html').getAttribute('lang')).toBe(locale);
        // The page's own switch turns the form to the other language, in place.
        const other = locale === 'en' ? 'zh-CN' : 'en';
        await page.getByRole('button', { name: other === 'en' ? 'English' : '中文' }).click();
        await page
          .getByRole('button', { name: other === 'en' ? 'Book now' : '立即预约' })
          .waitFor();
        expect(await page.locator('html').getAttribute('lang')).toBe(other);
      } finally {
        await browser.closeAll();
      }
    }
  });
});
