import { describe, expect, it } from 'vitest';
import { fullStack } from './stack';

type Widget = { key: string; rows: { key: string; values: Record<string, { value: number }> }[] };

describe('the builder’s widget preview', () => {
  it('computes a draft widget over the live data, names its problems, and is for builders only', async () => {
    const s = await fullStack();
    const admin = await s.signIn('root', 'admin');
    const amy = await s.signIn('amy', 'sales', ['tech']);
    for (const [phone, course] of [
      ['13800138011', 'python'],
      ['13800138012', 'python'],
      ['13800138013', 'java'],
    ] as const)
      await s.request('/api/v1/records/lead', {
        method: 'POST',
        cookie: amy.cookie,
        json: { name: `预览${phone.slice(-2)}`, phone, course },
      });
    const preview = (widget: unknown, who = admin, lang = 'en') =>
      s.request('/api/v1/dashboards/preview', {
        method: 'POST',
        cookie: who.cookie,
        json: { widget },
        headers: { 'accept-language': lang },
      });
    const byCourse = {
      key: 'byCourse',
      type: 'breakdown',
      title: { 'zh-CN': '按课程', en: 'By course' },
      entity: 'lead',
      field: 'course',
    };
    const ok = await preview(byCourse);
    expect(ok.status, await ok.clone().text()).toBe(200);
    const rows = ((await ok.json()) as Widget).rows;
    const count = (key: string) => Object.values(rows.find((r) => r.key === key)!.values)[0]!.value;
    expect(count('python')).toBe(2);
    expect(count('java')).toBe(1);

    const bad = await preview({ ...byCourse, field: 'nope' }, admin, 'zh-CN');
    expect(bad.status).toBe(422);
    const problem = (await bad.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors[0]?.path).toBe('/widget/field');
    expect(problem.errors[0]?.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await preview(byCourse, amy)).status).toBe(403);

    // The numbers are the builder's; the answer names who may open the draft dashboard.
    const readers = async (dashboard: unknown) => {
      const r = await s.request('/api/v1/dashboards/preview', {
        method: 'POST',
        cookie: admin.cookie,
        json: { widget: byCourse, dashboard },
      });
      return ((await r.json()) as { readers: string[] }).readers;
    };
    expect(await readers({ key: 'draft', roles: ['sales'] })).toContain('sales');
    expect(await readers({ key: 'draft', roles: [] })).not.toContain('sales');
  });
});
