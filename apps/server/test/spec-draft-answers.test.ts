import { describe, expect, it } from 'vitest';
import { fullStack } from './stack';

describe('spec draft answers a client can act on', () => {
  it('without a draft says how to start one, from which live version, in the caller’s language', async () => {
    const s = await fullStack();
    const ann = await s.signIn('ann', 'admin');
    const get = (lang: string) =>
      s.request('/api/v1/spec/draft', { cookie: ann.cookie, headers: { 'accept-language': lang } });
    const en = await get('en');
    expect(en.status).toBe(404);
    expect(en.headers.get('content-type')).toContain('application/problem+json');
    expect(await en.json()).toMatchObject({
      code: 'no_draft',
      revision: 0,
      liveVersion: 1,
      detail: expect.stringContaining('There is no draft yet'),
      errors: [],
    });
    expect(((await (await get('zh-CN')).json()) as { detail: string }).detail).toContain(
      '还没有草稿',
    );
  });

  it('clears a published draft, and plans without both full specs unless asked', async () => {
    const s = await fullStack();
    const ann = await s.signIn('ann', 'admin');
    const changed = { ...s.spec, description: { 'zh-CN': '新', en: 'New' } };
    const saved = await s.request('/api/v1/spec/draft', {
      method: 'PUT',
      cookie: ann.cookie,
      json: changed,
      headers: { 'if-match': '"0"' },
    });
    expect(saved.status).toBe(200);

    const plan = (query = '') =>
      s.request(`/api/v1/spec/draft/plan${query}`, { method: 'POST', cookie: ann.cookie });
    const lean = await plan();
    expect(lean.status).toBe(200);
    const leanText = await lean.text();
    const leanBody = JSON.parse(leanText) as { ok: boolean; plan: Record<string, unknown> };
    expect(leanBody.ok).toBe(true);
    expect(Object.keys(leanBody.plan).sort()).toEqual(['blocking', 'steps', 'warnings']);
    const full = (await (await plan('?specs=1')).json()) as { plan: Record<string, unknown> };
    expect(full.plan).toHaveProperty('from');
    expect(full.plan).toHaveProperty('to');
    // The two specs are most of the full answer.
    expect(leanText.length * 5).toBeLessThan(JSON.stringify(full).length);

    const published = await s.request('/api/v1/spec/publish', {
      method: 'POST',
      cookie: ann.cookie,
      json: { note: 'description' },
    });
    expect(published.status).toBe(201);
    const after = await s.request('/api/v1/spec/draft', { cookie: ann.cookie });
    expect(after.status).toBe(404);
    expect(await after.json()).toMatchObject({ code: 'no_draft', liveVersion: 2 });
    // Publishing again has no draft to publish.
    const again = await s.request('/api/v1/spec/publish', {
      method: 'POST',
      cookie: ann.cookie,
      json: {},
    });
    expect(again.status).toBe(422);
  });
});
