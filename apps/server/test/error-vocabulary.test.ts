import { describe, expect, it } from 'vitest';
import { fullStack } from './stack';

type Problem = {
  status: number;
  code: string;
  detail: string;
  errors: { path: string; code: string; message: string }[];
};

const EN = { 'accept-language': 'en' };

describe('one error vocabulary', () => {
  it('answers every invalid input with code validation, counting its problems', async () => {
    const s = await fullStack();
    const admin = await s.signIn('boss', 'admin');
    const answers = [
      await s.request('/api/v1/records/lead', {
        method: 'POST',
        cookie: admin.cookie,
        json: { name: '', phone: 'not a phone' },
      }),
      await s.request('/api/v1/users', {
        method: 'POST',
        cookie: admin.cookie,
        json: { login: '!', password: 'x', role: 'nobody' },
      }),
      await s.request('/api/v1/tasks/any', { method: 'PATCH', cookie: admin.cookie, json: {} }),
      await s.request('/api/v1/spec/draft/plan', {
        method: 'POST',
        cookie: admin.cookie,
        json: { spec: { version: 1, entities: 'no' } },
      }),
    ];
    for (const res of answers) {
      expect(res.status).toBe(422);
      const body = (await res.json()) as Problem;
      expect(body.code).toBe('validation');
      expect(body.errors.length).toBeGreaterThan(0);
      expect(body.detail).toBe(`提交的数据有 ${body.errors.length} 处问题`);
    }
  });

  it('names a read-only field by its label in the caller’s language, never by its key', async () => {
    const s = await fullStack();
    const rep = await s.signIn('rep', 'sales', ['tech']);
    const created = await s.request('/api/v1/records/lead', {
      method: 'POST',
      cookie: rep.cookie,
      json: { name: '张三', phone: '13800138000' },
    });
    const lead = (await created.json()) as { id: string; version: number };
    const patch = (headers: Record<string, string> = {}) =>
      s.request(`/api/v1/records/lead/${lead.id}`, {
        method: 'PATCH',
        cookie: rep.cookie,
        headers,
        json: { version: lead.version, source: 'referral' },
      });
    const zh = (await (await patch()).json()) as Problem;
    expect(zh).toMatchObject({ status: 422, code: 'validation' });
    expect(zh.errors).toEqual([
      {
        path: '/source',
        code: 'field_readonly',
        message: '“来源渠道”是只读字段',
        params: expect.anything(),
      },
    ]);
    const en = (await (await patch(EN)).json()) as Problem;
    expect(en.errors[0]?.message).toBe('"Source channel" is read-only');
  });

  it('says that an unknown stage does not exist', async () => {
    const s = await fullStack();
    const admin = await s.signIn('boss', 'admin');
    const created = await s.request('/api/v1/records/lead', {
      method: 'POST',
      cookie: admin.cookie,
      json: { name: '李四', phone: '13900139000' },
    });
    const { id } = (await created.json()) as { id: string };
    const res = await s.request(`/api/v1/records/lead/${id}/stage`, {
      method: 'POST',
      cookie: admin.cookie,
      headers: EN,
      json: { stage: 'limbo' },
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      code: 'validation',
      detail: 'Stage "limbo" does not exist',
      errors: [{ path: '/stage', code: 'stage_unknown', message: 'Stage "limbo" does not exist' }],
    });
  });
});
