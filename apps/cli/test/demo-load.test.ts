import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAutomations, createEngine } from '@trellis/engine';
import { bundleTemplate, installSpec, loadDemo, type DemoRecipe } from '@trellis/server';
import { openStore } from '@trellis/store';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './run-cli';

const FOLDER = join(REPO_ROOT, 'templates', 'education');
const NOW = Date.UTC(2026, 3, 20, 2, 0, 0);

type Row = Record<string, unknown>;
const countBy = <T>(items: T[], key: (t: T) => unknown) =>
  items.reduce<Record<string, number>>((acc, t) => {
    const k = String(key(t));
    return { ...acc, [k]: (acc[k] ?? 0) + 1 };
  }, {});

describe('templates/education demo recipe through the batch path', () => {
  it('loads every demo record without a refusal, in the shape the engine would leave', async () => {
    const bundle = bundleTemplate(FOLDER);
    if (!bundle.ok) throw new Error(JSON.stringify(bundle.errors));
    const store = await openStore({ url: ':memory:' });
    try {
      const installed = await installSpec(store, bundle.spec, { note: 'test', locale: 'en' });
      expect(installed.ok).toBe(true);
      const recipe = JSON.parse(
        readFileSync(join(FOLDER, 'demo', 'recipe.json'), 'utf8'),
      ) as DemoRecipe;
      const report = await loadDemo(store, recipe, NOW);
      expect(report.failures).toEqual([]);
      const expected = Object.values(recipe.records).reduce((n, list) => n + list.length, 0);
      expect(report.records).toBe(expected);

      const leads = recipe.records.lead ?? [];
      const stored = await store.tables.rows('e_lead');
      const logins = new Map((await store.users.list()).map((u) => [u.id, u.login]));
      const byPhone = new Map(stored.map((r) => [r.phone, r]));
      const row = (l: (typeof leads)[number]): Row => byPhone.get(l.values.phone)!;

      // Every lead ends in the recipe's stage, with the recipe's owner and team; the unowned
      // ones sit in the public pool.
      expect(countBy(stored, (r) => r.stage)).toEqual(countBy(leads, (l) => l.stage));
      expect(
        leads.map((l) => [logins.get(String(row(l).owner_id)) ?? null, row(l).team_id]),
      ).toEqual(leads.map((l) => [l.owner ?? null, l.team ?? null]));
      const pooled = leads.filter((l) => !l.owner).length;
      expect(pooled).toBeGreaterThan(0);
      expect(stored.filter((r) => r.owner_id === null)).toHaveLength(pooled);
      // `user` fields named by login hold user ids.
      for (const s of await store.tables.rows('e_student'))
        expect(logins.has(String(s.advisor))).toBe(true);

      // The ledger: one first-holder row per owned record (a pooled lead has no holder yet).
      const ledger = await store.tables.rows('ownership_changes');
      const owned = Object.values(recipe.records)
        .flat()
        .filter((r) => r.owner).length;
      expect(ledger).toHaveLength(owned);
      expect(new Set(ledger.map((r) => r.record_id)).size).toBe(owned);

      // Stage walks, activities (with their file rows) and touches, record by record.
      const transitions = await store.tables.rows('stage_transitions');
      const walks = countBy(transitions, (t) => t.record_id);
      expect(leads.map((l) => walks[String(row(l).id)] ?? 0)).toEqual(
        leads.map((l) => l.stageHistory?.length ?? 1),
      );
      const attached = leads.flatMap((l) => l.activities ?? []).flatMap((a) => a.attachments ?? []);
      expect(attached.length).toBeGreaterThan(0);
      expect(await store.tables.count('files')).toBe(attached.length);
      const touches = leads.reduce((n, l) => n + (l.touches?.length ?? 0), 0);
      expect(await store.tables.count('touches')).toBe(touches);

      // SLA clocks run on owned open leads only (as the engine arms them); won, lost and pooled
      // leads have none. The demo's past queues no automation.
      const stages = new Map(
        (await store.specs.live())!.spec
          .pipelines!.find((p) => p.entity === 'lead')!
          .stages.map((s) => [s.key, s]),
      );
      for (const r of stored) {
        const armed = r.owner_id !== null && stages.get(String(r.stage))?.sla !== undefined;
        expect([r.phone, r.sla_due_at !== null]).toEqual([r.phone, armed]);
        if (armed) expect(Number(r.sla_due_at)).toBeGreaterThan(Number(r.stage_entered_at));
      }
      expect(await store.outbox.pending()).toBe(0);

      // The engine reads the result as a record's timeline: creation (with its first values),
      // every stage entered, every activity and touch.
      const lead = leads.find(
        (l) =>
          (l.stageHistory?.length ?? 0) > 2 && (l.activities?.length ?? 0) > 1 && l.touches?.length,
      )!;
      const engine = createEngine({ store });
      const t = await engine.timeline('lead', String(row(lead).id), {
        actor: { kind: 'system' },
      });
      if (!t.ok) throw new Error(t.error.message);
      const kinds = countBy(t.entries, (e) => e.kind);
      expect(kinds).toMatchObject({
        created: 1,
        stage: lead.stageHistory!.length,
        activity: lead.activities!.length,
        touch: lead.touches!.length,
      });
      const created = t.entries.find((e) => e.kind === 'created');
      expect(created?.kind === 'created' && created.changes.map((c) => c.field)).toContain('phone');
    } finally {
      await store.close();
    }
  });

  it('plays the recent steps through the engine: the run log has runs that succeeded, were skipped with their condition, and failed with their reason', async () => {
    const bundle = bundleTemplate(FOLDER);
    if (!bundle.ok) throw new Error(JSON.stringify(bundle.errors));
    const store = await openStore({ url: ':memory:' });
    try {
      expect((await installSpec(store, bundle.spec, { note: 'test', locale: 'en' })).ok).toBe(true);
      const recipe = JSON.parse(
        readFileSync(join(FOLDER, 'demo', 'recipe.json'), 'utf8'),
      ) as DemoRecipe;
      const engine = createEngine({ store });
      const automations = createAutomations(engine);
      const report = await loadDemo(store, recipe, Date.now(), { engine, automations });
      expect(report.failures).toEqual([]);
      expect(report.recent).toBe(recipe.recent!.length);
      // Every event was handled, the chains they caused included.
      expect(await store.outbox.pending()).toBe(0);

      const stored = await store.tables.rows('e_lead');
      const phoneOf = new Map<string, string>();
      for (const r of recipe.records.lead ?? []) phoneOf.set(r.ref, String(r.values.phone));
      for (const s of recipe.recent!)
        if (s.do === 'create' && s.ref) phoneOf.set(s.ref, String(s.values.phone));
      const lead = (ref: string) => stored.find((r) => r.phone === phoneOf.get(ref))!;
      const runs = await store.runs.query({ limit: 1000 });
      const of = (ref: string) => {
        const id = String(lead(ref).id);
        return Object.fromEntries(
          runs.filter((r) => r.recordId === id).map((r) => [r.automationKey, r]),
        );
      };

      // Each lead from a form: one routing rule assigned it and gave its owner a first-contact
      // task; the other two were skipped, their condition saying why.
      const routes = ['route-python', 'route-design', 'route-by-city'];
      for (const [ref, rule] of [
        ['recent-lead-1', 'route-python'],
        ['recent-lead-2', 'route-design'],
        ['recent-lead-3', 'route-by-city'],
        ['recent-lead-4', 'route-by-city'],
      ] as const) {
        const r = of(ref);
        expect(routes.map((k) => [k, r[k]?.status])).toEqual(
          routes.map((k) => [k, k === rule ? 'succeeded' : 'skipped']),
        );
        for (const k of routes.filter((k) => k !== rule))
          expect(r[k]!.conditionTrace).toMatchObject({ matched: false });
        expect(lead(ref).owner_id).not.toBeNull();
        const tasks = (await store.tables.rows('tasks')).filter(
          (t) => t.record_id === lead(ref).id,
        );
        expect(tasks.map((t) => [t.assignee_id, t.status])).toEqual([[lead(ref).owner_id, 'open']]);
        expect(String(tasks[0]!.title)).toContain(String(lead(ref).name));
      }
      // A first call stamps the first contact; a later call finds it stamped and is skipped.
      expect(of('lead-002')['stamp-first-contact']?.status).toBe('succeeded');
      expect(lead('lead-002').firstContactAt).not.toBeNull();
      expect(of('lead-001')['stamp-first-contact']?.status).toBe('skipped');
      // Two trial classes move their lead to the quote stage (whose task follows); where no
      // course advisor is set, the notice to the advisor fails and says so.
      for (const ref of ['lead-003', 'lead-011']) {
        expect(lead(ref).stage).toBe('quoted');
        expect(of(ref)['quote-follow-up']?.status).toBe('succeeded');
      }
      expect(of('lead-003')['trial-done-advance']?.status).toBe('succeeded');
      const failed = of('lead-011')['trial-done-advance']!;
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatch(/courseAdvisor/);
      expect(failed.error).toMatch(/没有找到收件人|No recipient found/);

      // The scheduler's first sweep after start: owned leads quiet for 48 hours breach and
      // remind their owner; pool leads have no clock, so no SLA run fails for want of a
      // recipient (the stock demo had 8 such failed runs).
      const swept = await automations.tick(Date.now());
      await automations.drain();
      expect(swept.breaches).toBeGreaterThan(0);
      const sla = (await store.runs.query({ limit: 1000 })).filter(
        (r) => r.triggerType === 'sla.breached',
      );
      expect(sla.length).toBeGreaterThan(0);
      expect(sla.filter((r) => r.status === 'failed').map((r) => r.error)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
