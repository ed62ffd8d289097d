import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppSpec } from '@trellis/spec';
import { openStore, type Store } from '@trellis/store';
import { applyTemplate, bundleTemplate, seedProfiles, seedWorkspace } from '../src/index';
import { wireEngine } from '../src/setup/wire-engine';

// Seed 003's "按渠道维度分析转化率": the channel is on the customer, the won stage on the deal.
// The pipeline-health dashboard's ratio widget gives, per customer channel, deals won over deals;
// these tests check both counts and the rate against a count made by hand from the seeded rows,
// for the VP and for a team lead.
const TEMPLATE = join(dirname(fileURLToPath(import.meta.url)), '../../../templates/b2b-sales');
const NOW = Date.UTC(2026, 11, 1, 2);
let dir: string;
let store: Store;
let spec: AppSpec;
let customers: Record<string, unknown>[];
let deals: Record<string, unknown>[];

async function all(entity: string) {
  const out: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.records(spec).list(entity, { limit: 1000, cursor });
    if (!page.ok) throw new Error(page.error.message);
    out.push(...page.value.records);
    cursor = page.value.nextCursor;
  } while (cursor);
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'b2b-channels-'));
  store = await openStore({ url: join(dir, 'trellis.db') });
  const b = bundleTemplate(TEMPLATE);
  if (!b.ok) throw new Error(JSON.stringify(b.errors));
  const r = await applyTemplate(store, {
    name: 'b2b-sales',
    version: b.manifest.version,
    spec: b.spec,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  spec = (await store.specs.live())!.spec as AppSpec;
  const report = await seedWorkspace(store, spec, seedProfiles['b2b-sales']!, {
    records: 1200,
    seed: 5,
    now: NOW,
  });
  expect(report.refused).toBe(0);
  customers = await all('customer');
  deals = await all('deal');
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Deals per channel of their customer, counted from the rows: [won, all]. */
function handCount(
  pick: (d: Record<string, unknown>) => boolean,
): Record<string, [number, number]> {
  const channel = new Map(customers.map((c) => [c.id, c.firstChannel as string]));
  const out: Record<string, [number, number]> = {};
  for (const d of deals.filter(pick)) {
    const ch = channel.get(d.customer)!;
    const [won, all] = out[ch] ?? [0, 0];
    out[ch] = [won + (d.stage === 'won' ? 1 : 0), all + 1];
  }
  return out;
}

async function widget(login: string, role: string, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const engine = wireEngine(store);
  // The actor as the server's session makes it: the user's id, role and teams.
  const user = (await store.users.byLogin(login))!;
  const actor = {
    kind: 'user' as const,
    userId: user.id,
    role,
    teams: await store.users.teamsOf(user.id),
  };
  const r = await engine.reports.widget(
    'pipeline-health',
    'winRateByChannel',
    {},
    { actor, locale },
  );
  if (!r.ok) throw new Error(r.error.message);
  return { widget: r.widget, engine, actor };
}
/** Per row: [deals won, deals] as the widget counts them, and its rate. */
const counts = (w: Awaited<ReturnType<typeof widget>>['widget']) =>
  Object.fromEntries(
    w.rows.map((r) => [r.key, [r.values.numerator!.value, r.values.denominator!.value]]),
  );
const rates = (w: Awaited<ReturnType<typeof widget>>['widget']) =>
  Object.fromEntries(w.rows.map((r) => [r.key, r.values.rate!.value]));

describe('b2b-sales conversion by first-contact channel, on seeded data', () => {
  it('gives the VP each channel’s deals won over its deals, as a hand count of the rows does', async () => {
    const hand = handCount(() => true);
    expect(Object.keys(hand).length).toBeGreaterThanOrEqual(4);
    const { widget: w, engine, actor } = await widget('zhao.min', 'sales-vp');
    expect(counts(w)).toEqual(hand);
    expect(rates(w)).toEqual(
      Object.fromEntries(Object.entries(hand).map(([ch, [won, all]]) => [ch, won / all])),
    );
    // The seeded year converts some deals of every channel, never all of them.
    for (const [won, all] of Object.values(hand)) {
      expect(won).toBeGreaterThan(0);
      expect(won).toBeLessThan(all);
    }
    // Most deals first; each count opens exactly its deals.
    const bottoms = w.rows.map((r) => r.values.denominator!.value!);
    expect(bottoms).toEqual([...bottoms].sort((a, b) => b - a));
    const row = w.rows.find((r) => r.key === 'hotline')!;
    for (const side of ['numerator', 'denominator'] as const) {
      const opened = await engine.records.list(
        'deal',
        { filter: row.values[side]!.filter, limit: 1, count: true },
        { actor, via: 'ui', locale: 'zh-CN' },
      );
      if (!opened.ok) throw new Error(opened.error.message);
      expect(opened.total, side).toBe(row.values[side]!.value);
    }
    const en = (await widget('zhao.min', 'sales-vp', 'en')).widget;
    expect(en.rows.find((r) => r.key === 'hotline')?.label).toBe('400 hotline');
    expect(en.columns.map((c) => c.key)).toEqual(['rate', 'numerator', 'denominator']);
  });

  it('gives a team lead only the team’s deals, a deal whose customer another team now holds only in the hidden row, and an account manager no dashboard', async () => {
    const east = (d: Record<string, unknown>) => d.teamId === 'east';
    expect(counts((await widget('sun.li', 'team-lead')).widget)).toEqual(handCount(east));
    // A won deal of the east team whose customer the south team now holds: still the team's
    // deal, but its customer's channel is not the east lead's to read.
    const deal = deals.find((d) => east(d) && d.stage === 'won')!;
    const customer = customers.find((c) => c.id === deal.customer)!;
    const south = (await store.users.byLogin('luo.bin'))!.id;
    const moved = await store.transaction((tx) =>
      tx
        .records(spec)
        .update(
          'customer',
          customer.id as string,
          { ownerId: south, teamId: 'south' },
          customer.version as number,
        ),
    );
    expect(moved.ok).toBe(true);
    const w = (await widget('sun.li', 'team-lead')).widget;
    // Every deal of that customer leaves its channel's row for the hidden one.
    const gone = (d: Record<string, unknown>) => d.customer === customer.id;
    const hidden = deals.filter((d) => east(d) && gone(d));
    expect(counts(w)).toEqual({
      ...handCount((d) => east(d) && !gone(d)),
      $hidden: [hidden.filter((d) => d.stage === 'won').length, hidden.length],
    });
    await expect(widget('he.jun', 'sales')).rejects.toThrow('pipeline-health');
  });
});
