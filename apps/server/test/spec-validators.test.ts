import { describe, expect, it } from 'vitest';
import { loadStandaloneValidator } from '@trellis/rules';
import { fullStack } from './stack';

// The web app's forms cannot compile validators (its CSP forbids eval): the server hands them
// over precompiled, and they must judge a record as the engine does.
describe('GET /api/v1/spec/validators/:entity.js', () => {
  it('answers a signed-in user the entity validator as an ES module that validates', async () => {
    const s = await fullStack();
    const rep = await s.signIn('amy', 'sales', ['tech']);
    expect((await s.request('/api/v1/spec/validators/lead.js')).status).toBe(401);
    const res = await s.request('/api/v1/spec/validators/lead.js', { cookie: rep.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    const source = await res.text();
    const url = `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`;
    const validate = loadStandaloneValidator(
      (await import(url)) as Parameters<typeof loadStandaloneValidator>[0],
    );
    expect(validate({ name: 'Wang', phone: '+8613800138000', source: 'website' })).toBe(true);
    expect(validate({ name: 'Wang', phone: '+8613800138000', source: 'nowhere' })).toBe(false);

    const { version } = (await (
      await s.request('/api/v1/spec', { cookie: rep.cookie })
    ).json()) as {
      version: number;
    };
    const pinned = await s.request(`/api/v1/spec/validators/lead.js?v=${version}`, {
      cookie: rep.cookie,
    });
    expect(pinned.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    const unknown = await s.request('/api/v1/spec/validators/nothing.js', { cookie: rep.cookie });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
