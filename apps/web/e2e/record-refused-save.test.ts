import { describe, expect, it } from 'vitest';
import { apiSession } from './harness/api-session';
import { inBothLocales, shot } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();

const TEXT = {
  'zh-CN': {
    edit: '编辑',
    editForm: '编辑记录',
    plan: '下次跟进计划',
    save: /^保\s?存$/,
    refused: '你没有执行此操作的权限。',
    typed: '周五回电，介绍分期方案',
  },
  en: {
    edit: 'Edit',
    editForm: 'Edit the record',
    plan: 'Next follow-up plan',
    save: /^Save$/,
    refused: 'You are not allowed to do this.',
    typed: 'Call back on Friday with the payment plan',
  },
} as const;

type Lead = { id: string; name: string; ownerId: string | null; nextFollowUpPlan?: string | null };

describe('a save the role does not allow, on the record page', () => {
  it('a rep edits a pool lead they can read but not change: the refusal (403) is shown at the save, the input stays, nothing is written (zh-CN desktop, en phone)', async () => {
    const rep = server.login('sales');
    const api = await apiSession(server, rep.login);
    // A pool lead from further down the pool: other tests claim the first ones.
    const pool = await api<{ items: Lead[] }>('GET', '/api/v1/views/lead-pool/records?limit=20');
    expect(pool.items.length).toBeGreaterThan(1);
    await inBothLocales(server.url, rep, async (page, locale) => {
      // A lead of its own per locale (the last two of those read).
      const lead = pool.items[pool.items.length - (locale === 'zh-CN' ? 1 : 2)]!;
      expect(lead.ownerId).toBeNull();
      const text = TEXT[locale];
      await page.goto(`${server.url}/records/lead/${lead.id}`);
      await page.getByRole('heading', { name: lead.name, exact: true }).waitFor();
      await page.getByRole('button', { name: text.edit }).click();
      const form = page.getByRole('form', { name: text.editForm });
      const plan = form.getByLabel(text.plan, { exact: true });
      await plan.fill(text.typed);
      await form.getByRole('button', { name: text.save }).click();
      // The server's own sentence, in the form beside its save button; not "not found".
      await form.getByText(text.refused).waitFor();
      expect(await plan.inputValue()).toBe(text.typed);
      await shot(page, `record-save-refused-${locale}-${locale === 'en' ? 'phone' : 'desktop'}`);
      const stored = await api<Lead>('GET', `/api/v1/records/lead/${lead.id}`);
      expect(stored.nextFollowUpPlan ?? null).toBe(lead.nextFollowUpPlan ?? null);
      expect(stored.ownerId).toBeNull();
      expect(page.pageErrors).toEqual([]);
    });
  }, 180_000);
});
