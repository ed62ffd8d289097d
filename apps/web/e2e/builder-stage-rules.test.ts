import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { choose } from './harness/antd';
import { shot, PHONE } from './harness/browser';
import { inBuilderBrowser } from './harness/builder-browser';
import { formItem as item, openBuilder, publishDraft, signInAs } from './harness/builder-steps';
import { draftSaved, draftSpec } from './harness/draft';
import { ownServer } from './harness/own-server';

// A stage's allowed moves and its time limit (SLA), set in the builder on the education
// template: a rep's move the pipeline refused goes through once published, and the SLA the
// builder wrote is the one the published spec holds. It publishes: a demo server of its own.
const server = ownServer();

type Stage = { key: string; transitions?: string[]; sla?: Record<string, unknown> };
type Spec = { pipelines: { key: string; stages: Stage[] }[] };
type Lead = { id: string; stage: string };

const prospect = (spec: Spec) =>
  spec.pipelines.find((p) => p.key === 'lead-sales')!.stages.find((s) => s.key === 'new')!;

/** A rep's move of `id` to the trial stage over the API, with the field that stage requires. */
const moveToTrial = (page: Page, id: string) =>
  page.evaluate(async (leadId) => {
    const res = await fetch(`/api/v1/records/lead/${leadId}/stage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        stage: 'trial',
        values: { trialAt: new Date(Date.now() + 86_400_000).toISOString() },
      }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }, id);

describe('a stage’s allowed moves and SLA set in the builder', () => {
  it('lets prospects go straight to a trial, shortens their SLA and tells the team lead; a rep’s refused move then goes through (en)', async ({
    task,
  }) => {
    await server.freshOnRetry(task);
    await inBuilderBrowser('builder-stage-rules', { locale: 'en' }, async (page) => {
      // 1. Before: the template lets a prospect move only to "Needs confirmed" or "Lost".
      await signInAs(page, server, 'sales');
      const lead = await page.evaluate(async () => {
        const me = (await (await fetch('/api/v1/me')).json()) as { user: { id: string } };
        const filter = {
          and: [{ '==': [{ var: 'stage' }, 'new'] }, { '==': [{ var: 'ownerId' }, me.user.id] }],
        };
        const res = await fetch(
          `/api/v1/records/lead?limit=1&filter=${encodeURIComponent(JSON.stringify(filter))}`,
        );
        return ((await res.json()) as { items: { id: string }[] }).items[0];
      });
      expect(lead).toBeDefined();
      const refused = await moveToTrial(page, lead!.id);
      expect(refused.status).toBe(422);
      expect(JSON.stringify(refused.body)).toContain('stage_transition');

      // 2. The builder: Prospect → also "Trial class booked"; its SLA 24h and the team lead told.
      await openBuilder(page, server, 'pipelines/lead-sales');
      await page.getByRole('tab', { name: 'Stages' }).click();
      await page.getByRole('button', { name: /Prospect$/ }).click();
      const moves = item(page.locator('body'), 'Allowed next stages');
      await moves.getByText('Needs confirmed').waitFor();
      await choose(page, moves.getByLabel('Allowed next stages'), 'Trial class booked');
      const sla = item(page.locator('body'), 'Time limit (SLA)');
      const quiet = sla.getByLabel('No activity for');
      await expect.poll(() => quiet.inputValue()).toBe('48h');
      // A duration the spec cannot read is named next to its box.
      await quiet.fill('two days');
      await item(sla, 'No activity for').getByRole('alert').first().waitFor();
      await shot(page, 'builder-stage-rules-sla-error-en-desktop', { fullPage: false });
      await quiet.fill('24h');
      await choose(page, sla.getByLabel('Tell'), 'The team lead');
      await draftSaved(page);
      await shot(page, 'builder-stage-rules-en-desktop');
      const draft = prospect((await draftSpec<Spec>(page))!);
      expect(draft.transitions).toEqual(['qualified', 'lost', 'trial']);
      expect(draft.sla).toEqual({
        noActivityFor: '24h',
        notify: ['owner', 'owner.supervisor', 'team.lead'],
      });

      // 3. Published, the spec holds both, and the rep's move goes through.
      await publishDraft(page, 'en');
      const live = await page.evaluate(
        async () => (await (await fetch('/api/v1/spec')).json()) as unknown,
      );
      const published = prospect(((live as { spec?: Spec }).spec ?? live) as Spec);
      expect(published.transitions).toEqual(['qualified', 'lost', 'trial']);
      expect(published.sla).toMatchObject({ noActivityFor: '24h' });
      expect(page.pageErrors).toEqual([]);

      await signInAs(page, server, 'sales');
      const moved = await moveToTrial(page, lead!.id);
      expect(moved.status).toBe(200);
      expect((moved.body as Lead).stage).toBe('trial');
    });
  }, 400_000);

  it('shows the stage’s moves and SLA in zh-CN at phone width', async () => {
    await inBuilderBrowser(
      'builder-stage-rules-zh-CN',
      { locale: 'zh-CN', viewport: PHONE },
      async (page) => {
        await openBuilder(page, server, 'pipelines/lead-sales');
        await page.getByRole('tab', { name: '阶段' }).click();
        await page.getByRole('button', { name: /需求确认$/ }).click();
        const sla = item(page.locator('body'), '时限（SLA）');
        await expect.poll(() => sla.getByLabel('无跟进超过').inputValue()).toBe('48h');
        await item(page.locator('body'), '可进入的下一阶段').getByText('试听预约').waitFor();
        await sla.scrollIntoViewIfNeeded();
        await shot(page, 'builder-stage-rules-zh-CN-phone', { fullPage: false });
        expect(page.pageErrors).toEqual([]);
      },
    );
  }, 200_000);
});
