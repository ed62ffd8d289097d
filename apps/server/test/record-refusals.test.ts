import { describe, expect, it } from 'vitest';
import { fullStack } from './stack';

type Problem = { status: number; code: string; detail: string; errors: unknown[] };

const NOT_ALLOWED = { 'zh-CN': '你没有执行此操作的权限。', en: 'You are not allowed to do this.' };
const NOT_FOUND = { 'zh-CN': '找不到请求的资源。', en: 'The requested resource was not found.' };

/**
 * A single-record PATCH or DELETE tells "you may read this but not change it" (403) apart from
 * "no such record for you" (404): a record the caller cannot read does not leak its existence.
 */
describe('single-record refusals', () => {
  it('answers 403 for a readable record the caller may not change, 404 for one they cannot read, in both languages', async () => {
    const s = await fullStack();
    // A rep reads their own leads and the pool, changes only their own, deletes none.
    const amy = await s.signIn('amy', 'sales', ['tech']);
    const bob = await s.signIn('bob', 'sales', ['design']);
    const sys = { actor: { kind: 'system' as const }, via: 'import' as const };
    const make = async (name: string, phone: string, ownerId: string | null) => {
      const made = await s.engine.records.create(
        'lead',
        { name, phone, course: 'python', ownerId, teamId: ownerId ? 'tech' : null },
        sys,
      );
      if (!made.ok) throw new Error(JSON.stringify(made.error));
      return { id: String(made.record.id), version: made.record.version };
    };
    const pool = await make('公海客户', '+8613900000001', null);
    const own = await make('自己的客户', '+8613900000002', amy.id);
    const bobs = await make('别人的客户', '+8613900000003', bob.id);
    const call = (method: string, id: string, lang: 'zh-CN' | 'en', json?: unknown) =>
      s.request(`/api/v1/records/lead/${id}`, {
        method,
        cookie: amy.cookie,
        headers: { 'accept-language': lang },
        ...(json ? { json } : {}),
      });

    for (const lang of ['zh-CN', 'en'] as const) {
      // Readable, not changeable: the pool lead (update) and her own lead (delete).
      const patch = await call('PATCH', pool.id, lang, { version: pool.version, city: '杭州' });
      expect(patch.status).toBe(403);
      expect(patch.headers.get('content-type')).toMatch(/problem\+json/);
      expect(await patch.json()).toMatchObject({
        status: 403,
        code: 'forbidden',
        detail: NOT_ALLOWED[lang],
        errors: [],
      } satisfies Partial<Problem>);
      const del = await call('DELETE', own.id, lang);
      expect(del.status).toBe(403);
      expect(await del.json()).toMatchObject({ code: 'forbidden', detail: NOT_ALLOWED[lang] });

      // Not readable (another team's rep's lead): exactly what an unknown id answers.
      for (const id of [bobs.id, '01900000-0000-7000-8000-000000000000']) {
        const hidden = await call('PATCH', id, lang, { version: bobs.version, city: '杭州' });
        expect(hidden.status).toBe(404);
        expect(await hidden.json()).toMatchObject({ code: 'not_found', detail: NOT_FOUND[lang] });
        const gone = await call('DELETE', id, lang);
        expect(gone.status).toBe(404);
        expect(await gone.json()).toMatchObject({ code: 'not_found', detail: NOT_FOUND[lang] });
      }
    }

    // Nothing was written by the refusals.
    for (const r of [pool, own, bobs]) {
      const now = await s.engine.records.get('lead', r.id, sys);
      expect(now.ok && now.record).toMatchObject({ version: r.version, deletedAt: null });
    }
    // Her own lead she may change: the refusal above was the delete right, not the record.
    const mine = await call('PATCH', own.id, 'en', { version: own.version, city: '杭州' });
    expect(mine.status).toBe(200);
  });
});
