import type { Store, Touch } from '@trellis/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPermissionPort } from '../../src/permissions';
import type { Actor } from '../../src/ports';
import { createReports, type ReportsApi } from '../../src/reports/index';
import { DAY, reportSpec, reportStore, type GenLead } from '../../src/reports/fixture.test-helper';

const NOW = Date.UTC(2026, 1, 20) + 60 * DAY;
const H = 3_600_000;
const manager: Actor = { kind: 'user', userId: 'm1', role: 'manager', teams: [] };

let store: Store;
let leads: GenLead[];
let reports: ReportsApi;
/** Every ownerId history row and touch the test wrote on top of the fixture's, per record. */
const owners = new Map<string, { at: number; id: string; before: unknown }[]>();
const touches = new Map<string, Touch[]>();

beforeAll(async () => {
  ({ store, leads } = await reportStore(60));
  const permissions = createPermissionPort(reportSpec as never);
  reports = createReports({
    store,
    spec: async () => reportSpec,
    permissions,
    clock: { now: () => NOW },
    locale: 'en',
  });
  // The fixture's own rows, as it wrote them (history ids are generated: times differ).
  for (const l of leads) {
    if (l.assignedAt !== null) owners.set(l.id, [{ at: l.assignedAt, id: '', before: null }]);
    if (l.touch)
      touches.set(l.id, [
        touchOf(l, 'fx0', l.createdAt, l.touch.campaign, l.touch.content),
        touchOf(l, 'fx1', l.createdAt + DAY, 'later', 'Z'),
      ]);
  }
});
afterAll(() => store.close());

function touchOf(
  l: GenLead,
  id: string,
  at: number,
  campaign: string | null,
  content: string,
): Touch {
  return {
    id,
    entity: 'lead',
    recordId: l.id,
    kind: 'form',
    sourceKey: 'apply',
    utmSource: 'douyin',
    utmMedium: null,
    utmCampaign: campaign,
    utmContent: content,
    utmTerm: null,
    referrer: null,
    landingUrl: null,
    at,
  };
}

const first = <T extends { at: number; id: string }>(xs: T[]) =>
  [...xs].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))[0];

/** Data health's late assignments and attribution's leads per campaign / variant, by hand. */
function brute(live: GenLead[]) {
  const delay = (l: GenLead): number | null => {
    const f = first(owners.get(l.id) ?? []);
    if (!f) return l.ownerId === null ? null : 0;
    return f.before === null ? f.at - l.createdAt : 0;
  };
  const settled = live.filter((l) => l.createdAt <= NOW - DAY);
  const late = settled.filter((l) => delay(l) === null || delay(l)! > DAY).length;
  const perCampaign = new Map<string, number>();
  for (const l of live) {
    const f = first(touches.get(l.id) ?? []);
    for (const key of [String(f?.utmCampaign ?? ''), `${f?.utmCampaign ?? ''}/${f?.utmContent}`])
      if (f?.utmCampaign) perCampaign.set(key, (perCampaign.get(key) ?? 0) + 1);
  }
  return { late, perCampaign };
}

async function read(): Promise<{ late: number; perCampaign: Map<string, number> }> {
  const health = await reports.widget('sales', 'health', {}, { actor: manager });
  const roi = await reports.widget('sales', 'roiTouch', {}, { actor: manager });
  if (!health.ok || !roi.ok) throw new Error('widget failed');
  const total = health.widget.rows.find((r) => r.key === '$total')!;
  const perCampaign = new Map<string, number>();
  for (const r of roi.widget.rows)
    if (r.key !== '' && !r.key.startsWith('/') && r.values.leads?.value)
      perCampaign.set(r.key, r.values.leads.value);
  return { late: total.values.assignedLate!.value!, perCampaign };
}

describe('data health and first-touch attribution as first owners and first touches change', () => {
  it('follow reassignments, touches written later, deleted records and a bulk import', async () => {
    let live = [...leads];
    const initial = brute(live);
    expect(await read()).toEqual(initial);
    const byOwner = (o: string | null) => leads.filter((l) => l.ownerId === o);
    // A record created owned and reassigned: still assigned at once (delay 0).
    const owned = byOwner('u1').find((l) => l.assignedAt === null)!;
    // A record assigned late, then reassigned: the first assignment still counts.
    const late = leads.find((l) => l.assignedAt !== null && l.assignedAt - l.createdAt > DAY)!;
    // An unowned record given its first owner within the day.
    const pooled = byOwner(null)[0]!;
    const history = [
      [owned, 'u1', owned.createdAt + 3 * H],
      [late, 'u2', late.assignedAt! + 5 * H],
      [pooled, null, pooled.createdAt + 2 * H],
    ] as const;
    await store.history.append(
      history.map(([l, before, at], i) => ({
        id: `hx${i}`,
        changeId: `cx${i}`,
        entity: 'lead',
        recordId: l.id,
        field: 'ownerId',
        before,
        after: 'u3',
        actorId: null,
        via: 'test',
        at,
      })),
    );
    for (const [i, [l, before, at]] of history.entries())
      owners.set(l.id, [...(owners.get(l.id) ?? []), { at, id: `hx${i}`, before }]);
    // The assignment's write itself (the history row above is its journal).
    const rec = await store.records(reportSpec as never).get('lead', pooled.id);
    const moved = await store
      .records(reportSpec as never)
      .update('lead', pooled.id, { ownerId: 'u3', teamId: 'art' }, rec!.version);
    if (!moved.ok) throw new Error('update failed');
    leads = leads.map((l) => (l === pooled ? { ...l, ownerId: 'u3' } : l));
    live = live.map((l) => (l.id === pooled.id ? { ...l, ownerId: 'u3' } : l));
    // A touch written later but older than the record's first (an offline import of an ad
    // click): it takes the credit; a newer one does not.
    const touched = leads.filter((l) => l.touch?.campaign === 'c1').slice(0, 3);
    const untouched = leads.filter((l) => !l.touch).slice(0, 2);
    const added = [
      ...touched.map((l, i) => touchOf(l, `tx${i}`, l.createdAt - H, 'c2', 'B')),
      ...untouched.map((l, i) => touchOf(l, `ty${i}`, l.createdAt + H, 'c1', 'A')),
      touchOf(touched[0]!, 'tz', touched[0]!.createdAt + 9 * DAY, 'c1', 'A'),
    ];
    await store.touches.appendMany(added);
    for (const t of added) touches.set(t.recordId, [...(touches.get(t.recordId) ?? []), t]);
    // A deleted record leaves both numbers.
    const gone = leads.find((l) => l.touch?.campaign === 'c2' && l.assignedAt !== null)!;
    const r = await store.records(reportSpec as never).softDelete('lead', gone.id);
    if (!r.ok) throw new Error('delete failed');
    live = live.filter((l) => l.id !== gone.id);
    // A bulk import (the insert triggers off): 20 leads, each with its history and touch in one
    // batch, half of them assigned after more than a day.
    const base = Date.UTC(2026, 2, 1);
    const imported = await store.records(reportSpec as never).insertMany(
      'lead',
      Array.from({ length: 20 }, (_, i) => ({
        name: `I${i}`,
        ownerId: 'u2',
        teamId: 'tech',
        createdAt: base + i * H,
      })),
    );
    const batch: Touch[] = [];
    const rows = imported.map((x, i) => {
      if (!x.ok) throw new Error('import failed');
      const l = { ...leads[0]!, id: x.value.id, createdAt: base + i * H, ownerId: 'u2' };
      live.push(l);
      const at = l.createdAt + (i % 2 ? 30 : 2) * H;
      owners.set(l.id, [{ at, id: `hi${i}`, before: null }]);
      const t = touchOf(l, `ti${i}`, l.createdAt, i % 3 ? 'c1' : 'c2', i % 2 ? 'A' : 'B');
      batch.push(t);
      touches.set(l.id, [t]);
      return {
        id: `hi${i}`,
        changeId: `ci${i}`,
        entity: 'lead',
        recordId: l.id,
        field: 'ownerId',
        before: null,
        after: 'u2',
        actorId: null,
        via: 'import',
        at,
      };
    });
    await store.transaction(async (tx) => {
      await tx.history.append(rows);
      await tx.touches.appendMany(batch);
    });
    const after = brute(live);
    expect(await read()).toEqual(after);
    // The changes moved both numbers (the test would not notice a stale kept row otherwise).
    expect(after.late).not.toBe(initial.late);
    expect(after.perCampaign).not.toEqual(initial.perCampaign);
  });
});
