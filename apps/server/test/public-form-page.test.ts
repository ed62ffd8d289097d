import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppSpec, FormSpec } from '@trellis/spec';
import type { PublicFormPage } from '@trellis/rules';
import { fullStack } from './stack';

const dir = mkdtempSync(join(tmpdir(), 'trellis-form-page-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="en"><title>Trellis</title>');
mkdirSync(join(dir, 'assets'));
writeFileSync(join(dir, 'assets', 'form.css'), '.tf-card{max-width:480px}');
writeFileSync(join(dir, 'assets', 'big.css'), `.x{color:red}${' '.repeat(20_000)}`);
writeFileSync(
  join(dir, 'form.html'),
  '<!doctype html><html lang="zh-CN"><head><title>Form</title><script type="module" src="/assets/form.js"></script>' +
    '<link rel="stylesheet" crossorigin href="/assets/form.css"><link rel="stylesheet" crossorigin href="/assets/big.css">' +
    '<link rel="stylesheet" crossorigin href="/assets/missing.css"></head><body><div id="root"></div></body></html>',
);

// The apply form with a conditional question: age shows (and is required) for the Python course.
const withCondition = (spec: AppSpec): AppSpec => ({
  ...spec,
  forms: (spec.forms ?? []).map((f): FormSpec =>
    f.slug === 'apply'
      ? {
          ...f,
          sections: [
            {
              ...f.sections[0]!,
              fields: [
                ...f.sections[0]!.fields,
                {
                  field: 'age',
                  visibleIf: { '==': [{ var: 'course' }, 'python'] },
                  requiredIf: { '==': [{ var: 'course' }, 'python'] },
                },
              ],
            },
          ],
        }
      : f,
  ),
});

/** The leads stored, as the system reads them. */
async function leads(s: Awaited<ReturnType<typeof fullStack>>) {
  const list = await s.engine.records.list('lead', {}, { actor: { kind: 'system' } });
  if (!list.ok) throw new Error(JSON.stringify(list.error));
  return list.records;
}

function pageData(html: string): PublicFormPage {
  const m = /<script type="application\/json" id="trellis-form">(.*?)<\/script>/s.exec(html);
  if (!m) throw new Error('no form data in the page');
  return JSON.parse(m[1]!) as PublicFormPage;
}

const page = await fullStack({ staticDir: dir }, withCondition);

describe('GET /f/:form — the public form page', () => {
  const s = page;

  it('serves the page with the title painted and the form data inlined, in the visitor language', async () => {
    const res = await s.request('/f/apply', { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors *');
    const html = await res.text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('<title>Free trial class sign-up (website)</title>');
    expect(html).toContain('<h1 class="tf-title">Free trial class sign-up (website)</h1>');
    const data = pageData(html);
    expect(data).toMatchObject({ locale: 'en', submitUrl: '/f/apply', honeypot: '_hp' });
    expect(data.entity.fields.map((f) => f.key).sort()).toEqual(
      ['age', 'city', 'course', 'name', 'notes', 'phone', 'wechatId'].sort(),
    );
    expect(data.provinces?.length).toBeGreaterThan(30);
    const zh = await s.request('/f/apply?lang=zh-CN', { headers: { 'accept-language': 'en' } });
    expect(pageData(await zh.text()).locale).toBe('zh-CN');
  });

  it('writes small stylesheets into the page, so the title paints without waiting for them', async () => {
    const html = await (await s.request('/f/apply')).text();
    expect(html).toContain('<style>.tf-card{max-width:480px}</style>');
    expect(html).not.toContain('href="/assets/form.css"');
    // A big stylesheet, or one the build does not have, stays a link.
    expect(html).toContain('<link rel="stylesheet" crossorigin href="/assets/big.css">');
    expect(html).toContain('<link rel="stylesheet" crossorigin href="/assets/missing.css">');
  });

  it('gives an anonymous visitor no other field, entity, option, role or routing of the spec', async () => {
    const html = await (await s.request('/f/apply')).text();
    const data = JSON.stringify(pageData(html));
    const lead = s.spec.entities.find((e) => e.key === 'lead')!;
    const shown = new Set(['age', 'city', 'course', 'name', 'notes', 'phone', 'wechatId']);
    for (const f of lead.fields.filter((f) => !shown.has(f.key)))
      expect(data, f.key).not.toContain(`"${f.key}"`);
    for (const e of s.spec.entities.filter((e) => e.key !== 'lead'))
      expect(data, e.key).not.toContain(`"${e.key}"`);
    for (const r of s.spec.roles ?? []) expect(data, r.key).not.toContain(`"${r.key}"`);
    for (const word of ['captureInto', 'defaults', 'alertAfter', 'automations', 'website'])
      expect(data, word).not.toContain(`"${word}"`);
    // The same projection is what the JSON endpoint answers.
    const api = (await (await s.request('/api/v1/public/forms/apply')).json()) as PublicFormPage;
    expect(api.entity.fields.map((f) => f.key)).toEqual(
      pageData(html).entity.fields.map((f) => f.key),
    );
  });

  it('serves the precompiled validator as a module, cached for good under its hash', async () => {
    const { validatorUrl } = pageData(await (await s.request('/f/apply')).text());
    const res = await s.request(validatorUrl);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toContain('immutable');
    const code = await res.text();
    expect(code).toMatch(/^export default function \(require\)/);
    expect(code).toContain('"phone"');
    expect(code).not.toContain('quotedAmount');
    expect((await s.request('/f/apply/validator.js?h=stale')).headers.get('cache-control')).toBe(
      'no-cache',
    );
  });

  it('serves one province of region data at a time', async () => {
    const res = await s.request('/f/apply/regions/330000.json');
    const divisions = (await res.json()) as { code: string; name: string; parent: string }[];
    expect(divisions.find((d) => d.code === '330100')).toMatchObject({ name: '杭州市' });
    expect(divisions.find((d) => d.code === '330106')).toMatchObject({ parent: '330100' });
    expect(divisions.every((d) => d.code.startsWith('33'))).toBe(true);
    expect((await s.request('/f/apply/regions/330100.json')).status).toBe(404);
  });

  it('answers an unknown or private form with a small localized page, not the app', async () => {
    const res = await s.request('/f/lead-edit', { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Form not found');
    expect(await (await s.request('/f/nope?lang=zh')).text()).toContain('表单不存在');
  });

  it('serves an embed script that frames the form with the host page UTM parameters', async () => {
    const res = await s.request('/f/apply/embed.js');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const js = await res.text();
    expect(js).toContain('"http://localhost/f/apply"');
    expect(js).toContain("createElement('iframe')");
  });
});

describe('POST /f/:form — the form rules on the server', () => {
  it('refuses a submission missing a field its form condition requires, naming the field', async () => {
    const s = await fullStack({}, withCondition);
    const res = await s.request('/f/apply', {
      method: 'POST',
      headers: { 'accept-language': 'en' },
      json: { name: 'Li', phone: '13800138000', course: 'python' },
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: unknown[] }).errors).toEqual([
      {
        path: '/age',
        code: 'requiredIf',
        message: '"Age" is required here',
        params: { label: 'Age' },
      },
    ]);
    expect(await leads(s)).toEqual([]);
  });

  it('drops the value of a field its condition hides instead of storing it', async () => {
    const s = await fullStack({}, withCondition);
    const course = s.spec.entities[0]!.fields.find((f) => f.key === 'course');
    const other =
      course?.type === 'select' ? course.options.find((o) => o.value !== 'python')!.value : '';
    const res = await s.request('/f/apply', {
      method: 'POST',
      json: { name: 'Li', phone: '13800138000', course: other, age: 'not a number' },
    });
    expect(res.status).toBe(201);
    expect((await leads(s)).map((r) => ({ course: r.course, age: r.age ?? null }))).toEqual([
      { course: other, age: null },
    ]);
  });
});
