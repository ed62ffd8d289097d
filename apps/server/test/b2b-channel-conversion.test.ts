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
// The pipeline-health dashboard counts deals and deals won per customer channel; these tests
// check both against a count made by hand from the seeded rows, for the VP and for a rep.
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

/** Deals per channel of their customer, counted from the rows. */
function handCount(pick: (d: Record<string, unknown>) => boolean): Record<string, number> {
  const channel = new Map(customers.map((c) => [c.id, c.firstChannel as string]));
  const out: Record<string, number> = {};
  for (const d of deals.filter(pick)) {
    const ch = channel.get(d.customer)!;
    out[ch] = (out[ch] ?? 0) + 1;
  }
  return out;
}

async function widget(key: string, login: string, role: string, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const engine = wireEngine(store);
  // The actor as the server's session makes it: the user's id, role and teams.
  const user = (await store.users.byLogin(login))!;
  const r = await engine.reports.widget(
    'pipeline-health',
    key,
    {},
    {
      actor: { kind: 'user', userId: user.id, role, teams: await store.users.teamsOf(user.id) },
      locale,
    },
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.widget;
}
const counts = (w: Awaited<ReturnType<typeof widget>>) =>
  Object.fromEntries(w.rows.map((r) => [r.key, r.values.value!.value]));

describe('b2b-sales conversion by first-contact channel, on seeded data', () => {
  it('counts every deal and every won deal under its customer’s channel for the VP, as a hand count does', async () => {
    const won = handCount((d) => d.stage === 'won');
    expect(Object.keys(won).length).toBeGreaterThanOrEqual(4);
    expect(counts(await widget('wonByChannel', 'zhao.min', 'sales-vp'))).toEqual(won);
    expect(counts(await widget('dealsByChannel', 'zhao.min', 'sales-vp'))).toEqual(
      handCount(() => true),
    );
    // Conversion differs by channel only through the data: each channel converts some deals.
    const all = handCount(() => true);
    for (const ch of Object.keys(won)) expect(won[ch]!).toBeLessThan(all[ch]!);
    const en = await widget('wonByChannel', 'zhao.min', 'sales-vp', 'en');
    expect(en.rows.find((r) => r.key === 'hotline')?.label).toBe('400 hotline');
  });

  it('gives a team lead only the team’s deals, a deal whose customer another team now holds only in the hidden row, and an account manager no dashboard', async () => {
    const east = (d: Record<string, unknown>) => d.teamId === 'east' && d.stage === 'won';
    expect(counts(await widget('wonByChannel', 'sun.li', 'team-lead'))).toEqual(handCount(east));
    // A won deal of the east team whose customer the south team now holds: still the team's
    // deal, but its customer's channel is not the east lead's to read.
    const deal = deals.find(east)!;
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
    expect(counts(await widget('wonByChannel', 'sun.li', 'team-lead'))).toEqual({
      ...handCount((d) => east(d) && d.id !== deal.id),
      $hidden: 1,
    });
    await expect(widget('wonByChannel', 'he.jun', 'sales')).rejects.toThrow('pipeline-health');
  });
});
