import { describe, expect, it } from 'vitest';
import { fullStack } from './stack';

type Draft = { spec: { note?: string }; revision: number; updatedBy: string | null };

describe('the spec draft between two builders', () => {
  it('refuses a save, publish or discard over a draft someone else saved meanwhile', async () => {
    const s = await fullStack();
    const ann = await s.signIn('ann', 'admin');
    const ben = await s.signIn('ben', 'admin');
    const rep = await s.signIn('rep', 'sales', ['tech']);
    const put = (cookie: string, spec: unknown, revision?: number, lang = 'en') =>
      s.request('/api/v1/spec/draft', {
        method: 'PUT',
        cookie,
        json: spec,
        headers: {
          'accept-language': lang,
          ...(revision !== undefined ? { 'if-match': `"${revision}"` } : {}),
        },
      });
    const mine = { ...s.spec, description: { 'zh-CN': '安', en: 'Ann' } };
    const theirs = { ...s.spec, description: { 'zh-CN': '本', en: 'Ben' } };

    expect((await s.request('/api/v1/spec/draft', { cookie: ann.cookie })).status).toBe(404);
    // Revision 0: "there is no draft yet" — the first of two builders starting one wins.
    const first = await put(ann.cookie, mine, 0);
    expect(first.status).toBe(200);
    const r1 = ((await first.json()) as { draft: Draft }).draft.revision;
    expect(first.headers.get('etag')).toBe(`"${r1}"`);
    const late = await put(ben.cookie, theirs, 0);
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({
      code: 'conflict',
      detail: expect.stringContaining('Someone else saved the draft'),
    });

    // Ben loads Ann's draft and saves over it: a new, higher revision.
    const loaded = (await (
      await s.request('/api/v1/spec/draft', { cookie: ben.cookie })
    ).json()) as Draft;
    expect(loaded.revision).toBe(r1);
    const benSave = await put(ben.cookie, theirs, r1);
    expect(benSave.status).toBe(200);
    const r2 = ((await benSave.json()) as { draft: Draft }).draft.revision;
    expect(r2).toBeGreaterThan(r1);

    // Ann still holds revision r1: her save is refused (in her language) and Ben's draft stays.
    const stale = await put(ann.cookie, mine, r1, 'zh-CN');
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { detail: string }).detail).toContain('草稿在你打开之后');
    const stored = (await (
      await s.request('/api/v1/spec/draft', { cookie: ann.cookie })
    ).json()) as { spec: { description: { en: string } } };
    expect(stored.spec.description.en).toBe('Ben');

    // Publishing the draft with a stale revision is refused too; the right one publishes.
    const publish = (revision: number) =>
      s.request('/api/v1/spec/publish', {
        method: 'POST',
        cookie: ann.cookie,
        json: { note: 'description' },
        headers: { 'if-match': `"${revision}"` },
      });
    expect((await publish(r1)).status).toBe(409);
    const versions = async () =>
      (
        (await (await s.request('/api/v1/spec/versions', { cookie: ann.cookie })).json()) as {
          items: { version: number }[];
        }
      ).items.map((v) => v.version);
    expect(await versions()).toEqual([1]);
    expect((await publish(r2)).status).toBe(201);
    expect(await versions()).toEqual([2, 1]);
    // A published draft is cleared; the next edit starts a new one.
    expect((await s.request('/api/v1/spec/draft', { cookie: ann.cookie })).status).toBe(404);
    const r3 = ((await (await put(ben.cookie, mine, 0)).json()) as { draft: Draft }).draft.revision;

    // Discarding: builders only, and only the revision one has seen.
    const discard = (cookie: string, revision: string) =>
      s.request('/api/v1/spec/draft', {
        method: 'DELETE',
        cookie,
        headers: { 'if-match': revision },
      });
    expect((await discard(rep.cookie, `"${r3}"`)).status).toBe(403);
    expect((await discard(ann.cookie, `"${r2}"`)).status).toBe(409);
    expect((await discard(ann.cookie, 'yesterday')).status).toBe(400);
    expect((await discard(ann.cookie, `W/"${r3}"`)).status).toBe(204);
    expect((await s.request('/api/v1/spec/draft', { cookie: ann.cookie })).status).toBe(404);
  });

  it('saves without If-Match unconditionally (scripts and the CLI)', async () => {
    const s = await fullStack();
    const ann = await s.signIn('ann', 'admin');
    for (const en of ['one', 'two']) {
      const res = await s.request('/api/v1/spec/draft', {
        method: 'PUT',
        cookie: ann.cookie,
        json: { ...s.spec, description: { 'zh-CN': en, en } },
      });
      expect(res.status).toBe(200);
    }
    const draft = (await (
      await s.request('/api/v1/spec/draft', { cookie: ann.cookie })
    ).json()) as { spec: { description: { en: string } } };
    expect(draft.spec.description.en).toBe('two');
  });
});
