import { validateSpec, type WidgetSpec } from '@trellis/spec';
import type { Store } from '@trellis/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPermissionPort } from '../permissions';
import type { Actor } from '../ports';
import { DAY, OWNERS, reportSpec, reportStore, T0, type GenLead } from './fixture.test-helper';
import { dayOf } from './period';
import { createReports, type ReportsApi } from './index';
import type { Num, ReportQuery, WidgetReport } from './types';

const FORWARD = ['new', 'qualified', 'trial', 'quoted', 'won'];
const manager: Actor = { kind: 'user', userId: 'm1', role: 'manager', teams: [] };
const rep: Actor = { kind: 'user', userId: 'u1', role: 'sales', teams: ['tech'] };
const supervisor: Actor = { kind: 'user', userId: 's1', role: 'supervisor', teams: ['tech'] };
const NOW = T0 + 60 * DAY;

let store: Store;
let leads: GenLead[];
let reports: ReportsApi;
const permissions = createPermissionPort(reportSpec as never);

beforeAll(async () => {
  ({ store, leads } = await reportStore());
  reports = createReports({
    store,
    spec: async () => reportSpec,
    permissions,
    hiddenFields: (actor, entity) => permissions.model.hiddenFields(actor, entity),
    hasCapability: (actor, capability) => permissions.model.hasCapability(actor, capability),
    clock: { now: () => NOW },
    locale: 'en',
  });
});
afterAll(async () => {
  await store.close();
});

/** What `actor` may read, by the record-level check (not the SQL scope the reports use). */
const visibleTo = (actor: Actor) =>
  leads.filter((l) => permissions.check(actor, 'read', 'lead', l as never).allowed);

async function widget(
  key: string,
  q: ReportQuery = {},
  actor = manager,
  locale: 'en' | 'zh-CN' = 'en',
) {
  const r = await reports.widget('sales', key, q, { actor, locale });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.widget;
}

/** The number's filter lists exactly as many records as it says (under the reader's scope). */
async function opens(n: Num, actor: Actor): Promise<number> {
  const scope = permissions.listScope?.(actor, 'lead');
  const page = await store.records(reportSpec as never).list('lead', {
    filter: n.filter,
    ...(scope?.kind === 'where' ? { scope: scope.logic } : {}),
    context: {
      now: NOW,
      user: { id: actor.userId!, teams: actor.teams ?? [], roles: [actor.role!] },
    },
    count: true,
    limit: 1,
  });
  if (!page.ok) throw new Error(JSON.stringify(page.error));
  return page.value.total!;
}

const col = (w: WidgetReport, row: string, c: string) =>
  w.rows.find((r) => r.key === row)?.values[c];
const reached = (l: GenLead, k: number) =>
  [...l.moves.map((m) => m.to), l.stage].some((s) => FORWARD.indexOf(s) >= k);

describe('reports', () => {
  it('runs on a valid spec', () => {
    expect(validateSpec(reportSpec, { locale: 'en' }).errors).toEqual([]);
  });

  it('funnel (cohort): each step counts the records created in the period that reached it, per reader', async () => {
    for (const [q, from, to] of [
      [
        { from: '2026-03-01', to: '2026-03-20', timeZone: 'Asia/Shanghai' },
        Date.UTC(2026, 1, 28, 16),
        Date.UTC(2026, 2, 20, 16),
      ],
      // March whole (the month groups), whole days on both sides, partial days at the ends.
      [
        { from: '2026-02-25', to: '2026-04-10', timeZone: 'Asia/Shanghai' },
        Date.UTC(2026, 1, 24, 16),
        Date.UTC(2026, 3, 10, 16),
      ],
    ] as const)
      await cohortFunnel(q, from, to);
  });

  async function cohortFunnel(q: ReportQuery, from: number, to: number): Promise<void> {
    for (const actor of [manager, rep, supervisor]) {
      const w = await widget('funnel', q, actor);
      const cohort = visibleTo(actor).filter((l) => l.createdAt >= from && l.createdAt < to);
      expect(cohort.length).toBeGreaterThan(3);
      for (const [k, stage] of FORWARD.entries()) {
        const n = col(w, stage, 'records')!;
        expect(n.value).toBe(cohort.filter((l) => reached(l, k)).length);
        expect(await opens(n, actor)).toBe(n.value);
      }
      const first = col(w, 'new', 'records')!.value!;
      expect(col(w, 'trial', 'conversion')!.value).toBeCloseTo(
        col(w, 'trial', 'records')!.value! / first,
        9,
      );
    }
    const mine = await widget('funnel', q, rep);
    const all = await widget('funnel', q, manager);
    expect(col(mine, 'new', 'records')!.value).toBeLessThan(col(all, 'new', 'records')!.value!);
  }

  it('funnel (period): distinct records entering each stage during the period', async () => {
    const q = { from: '2026-03-10', to: '2026-03-31', timeZone: 'UTC' };
    const [from, to] = [Date.UTC(2026, 2, 10), Date.UTC(2026, 3, 1)];
    for (const actor of [manager, rep, supervisor]) {
      const w = await widget('entered', q, actor);
      for (const stage of FORWARD) {
        const n = col(w, stage, 'records')!;
        const hand = visibleTo(actor).filter((l) =>
          l.moves.some((m) => m.to === stage && m.at >= from && m.at < to),
        ).length;
        expect(n.value, `${actor.role} ${stage}`).toBe(hand);
        // The step opens exactly the records that entered it in the period, not every entrant.
        expect(await opens(n, actor), `${actor.role} ${stage}`).toBe(hand);
      }
    }
  });

  it('dwell time: mean, median and p90 in days of the stage changes that left each stage', async () => {
    const w = await widget('dwell');
    for (const stage of ['new', 'qualified', 'trial', 'quoted']) {
      const v = leads
        .flatMap((l) => l.moves)
        .filter((m) => m.from === stage && m.dwell !== null)
        .map((m) => m.dwell!)
        .sort((a, b) => a - b);
      expect(col(w, stage, 'left')!.value).toBe(v.length);
      // The moves open the records that made them, each once.
      const movers = leads.filter((l) => l.moves.some((m) => m.from === stage && m.dwell !== null));
      expect(await opens(col(w, stage, 'left')!, manager)).toBe(movers.length);
      if (!v.length) continue;
      expect(col(w, stage, 'mean')!.value).toBeCloseTo(
        v.reduce((a, b) => a + b, 0) / v.length / DAY,
        6,
      );
      expect(col(w, stage, 'median')!.value).toBe(v[Math.ceil(v.length / 2) - 1]! / DAY);
      expect(col(w, stage, 'p90')!.value).toBe(v[Math.ceil(v.length * 0.9) - 1]! / DAY);
    }
  });

  it('breakdown: top N by the measure plus "other", every row opening its records', async () => {
    const w = await widget('bySource');
    const counts = new Map<string | null, number>();
    for (const l of leads) counts.set(l.source, (counts.get(l.source) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 2);
    expect(w.rows.slice(0, 2).map((r) => [r.key || null, r.values.value!.value])).toEqual(top);
    const other = w.rows.find((r) => r.key === '$other')!;
    expect(other.values.value!.value).toBe(leads.length - top[0]![1] - top[1]![1]);
    for (const r of w.rows)
      expect(await opens(r.values.value!, manager)).toBe(r.values.records!.value);
    expect(w.rows[0]!.label).toBe('Channel douyin');
    const zh = await widget('bySource', {}, manager, 'zh-CN');
    expect(zh.rows[0]!.label).toBe('渠道douyin');
    expect(zh.rows.at(-1)!.label).toBe('其他');
  });

  it('breakdown of an average: "other" averages the values of the rest, not their averages', async () => {
    const w = await widget('quoteBySource');
    const top = new Set(w.rows.filter((r) => r.key !== '$other').map((r) => r.key || null));
    const rest = leads
      .filter((l) => !top.has(l.source) && l.quotedAmount !== null)
      .map((l) => l.quotedAmount!);
    expect(w.rows.find((r) => r.key === '$other')!.values.value!.value).toBeCloseTo(
      rest.reduce((a, b) => a + b, 0) / rest.length,
      6,
    );
  });

  it('time series: days on the wall clock of the time zone across a DST change, empty days 0', async () => {
    const tz = 'America/New_York';
    const w = await widget('daily', { from: '2026-03-01', to: '2026-03-15', timeZone: tz });
    expect(w.rows.map((r) => r.key)).toEqual(
      Array.from({ length: 15 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`),
    );
    for (const r of w.rows) {
      expect(r.values.value!.value).toBe(
        leads.filter((l) => dayOf(l.createdAt, tz) === r.key).length,
      );
      expect(await opens(r.values.value!, manager)).toBe(r.values.value!.value);
    }
    const empty = await widget('daily', { from: '2027-01-01', to: '2027-01-03', timeZone: tz });
    expect(empty.rows.map((r) => r.values.value!.value)).toEqual([0, 0, 0]);
  });

  it('time series: Monday weeks clipped to the period', async () => {
    const tz = 'Asia/Shanghai';
    const w = await widget('weekly', { from: '2026-03-04', to: '2026-03-20', timeZone: tz });
    expect(w.rows.map((r) => r.key)).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
    const inWeek = (l: GenLead, start: string, end: string) => {
      const d = dayOf(l.createdAt, tz);
      return d >= start && d < end && d >= '2026-03-04' && d <= '2026-03-20';
    };
    expect(w.rows.map((r) => r.values.value!.value)).toEqual([
      leads.filter((l) => inWeek(l, '2026-03-02', '2026-03-09')).length,
      leads.filter((l) => inWeek(l, '2026-03-09', '2026-03-16')).length,
      leads.filter((l) => inWeek(l, '2026-03-16', '2026-03-23')).length,
    ]);
  });

  it('leaderboard: leads, won, conversion and cycle days per owner, this period and the last', async () => {
    await leaderboard({ from: '2026-03-07', to: '2026-04-05', timeZone: 'UTC' });
    // Whole months (March and April; the previous period January, February and two days).
    await leaderboard({ from: '2026-03-01', to: '2026-04-30', timeZone: 'UTC' });
  });

  async function leaderboard(q: { from: string; to: string; timeZone: 'UTC' }): Promise<void> {
    const from = Date.parse(`${q.from}T00:00:00Z`);
    const to = Date.parse(`${q.to}T00:00:00Z`) + DAY;
    const [pFrom, pTo] = [from - (to - from), from];
    const w = await widget('board', q);
    for (const owner of ['u1', 'u2', 'u3']) {
      const mine = leads.filter(
        (l) => l.ownerId === owner && l.createdAt >= from && l.createdAt < to,
      );
      const won = mine.filter((l) => l.stage === 'won');
      expect(col(w, owner, 'leads')!.value).toBe(mine.length);
      expect(col(w, owner, 'won')!.value).toBe(won.length);
      expect(await opens(col(w, owner, 'won')!, manager)).toBe(won.length);
      if (won.length)
        expect(col(w, owner, 'cycleDays')!.value).toBeCloseTo(
          won.reduce((a, l) => a + l.stageEnteredAt - l.createdAt, 0) / won.length / DAY,
          6,
        );
      expect(col(w, owner, 'lost')!.value).toBe(mine.filter((l) => l.stage === 'lost').length);
      const lostAtNew = mine.filter(
        (l) => l.stage === 'lost' && !l.moves.some((m) => FORWARD.indexOf(m.to) > 0),
      ).length;
      expect(col(w, owner, 'drop:new')!.value).toBeCloseTo(lostAtNew / mine.length, 9);
      expect(await opens(col(w, owner, 'drop:new')!, manager)).toBe(lostAtNew);
      const before = leads.filter(
        (l) => l.ownerId === owner && l.createdAt >= pFrom && l.createdAt < pTo,
      );
      expect(col(w, owner, 'leadsPrevious')!.value).toBe(before.length);
      expect(col(w, owner, 'wonPrevious')!.value).toBe(
        before.filter((l) => l.stage === 'won').length,
      );
      // Lost with trial as the furthest stage reached, of those that reached trial or later.
      const reachedTrial = mine.filter((l) => reached(l, 2));
      const lostAtTrial = reachedTrial.filter((l) => l.stage === 'lost' && !reached(l, 3));
      expect(col(w, owner, 'drop:trial')!.value).toBe(
        reachedTrial.length ? lostAtTrial.length / reachedTrial.length : null,
      );
    }
    expect(w.rows.find((r) => r.key === 'u1')!.label).toBe('Rep 1');
    const own = await widget('board', q, rep);
    expect(own.rows.map((r) => r.key)).toEqual(['u1']);
    const team = await widget('board', q, supervisor);
    expect(new Set(team.rows.map((r) => r.key))).toEqual(
      new Set(Object.keys(OWNERS).filter((u) => OWNERS[u] === 'tech')),
    );
  }

  it('leaderboard: records without an owner are answered apart, never ranked as a rep', async () => {
    const q = { from: '2026-03-01', to: '2026-04-30', timeZone: 'UTC' } as const;
    const [from, to] = [Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-05-01T00:00:00Z')];
    const w = await widget('board', q);
    const pool = leads.filter((l) => l.ownerId === null && l.createdAt >= from && l.createdAt < to);
    expect(pool.length).toBeGreaterThan(0);
    expect(w.rows.map((r) => r.key)).not.toContain('');
    expect(w.unowned).toMatchObject({ key: '', label: 'Unassigned' });
    expect(w.unowned!.values.leads!.value).toBe(pool.length);
    expect(await opens(w.unowned!.values.leads!, manager)).toBe(pool.length);
    // Not a rank: a limit of one keeps the first rep, and the unowned records beside.
    const one = await reports.preview(
      {
        ...(reportSpec
          .dashboards!.find((d) => d.key === 'sales')!
          .widgets.find((x) => x.key === 'board') as WidgetSpec),
        limit: 1,
      },
      q,
      { actor: manager, locale: 'zh-CN' },
    );
    if (!one.ok) throw new Error(JSON.stringify(one.error));
    expect(one.widget.rows).toHaveLength(1);
    expect(one.widget.rows[0]!.key).toBe(w.rows[0]!.key);
    expect(one.widget.unowned).toMatchObject({
      label: '未分配',
      values: { leads: { value: pool.length } },
    });
    // A rep who reads only their own records sees none of them.
    expect((await widget('board', q, rep)).unowned).toBeUndefined();
  });

  it('data health: completeness of the chosen fields, incomplete records and SLA overdue', async () => {
    const w = await widget('health');
    const total = w.rows.find((r) => r.key === '$total')!;
    const filled = leads.reduce(
      (a, l) => a + [l.phone, l.source, l.city].filter((v) => v !== null).length,
      0,
    );
    expect(total.values.completeness!.value).toBeCloseTo(filled / (leads.length * 3), 9);
    const incomplete = leads.filter(
      (l) => l.phone === null || l.source === null || l.city === null,
    );
    expect(total.values.incomplete!.value).toBe(incomplete.length);
    expect(await opens(total.values.incomplete!, manager)).toBe(incomplete.length);
    const overdue = leads.filter(
      (l) => l.slaDueAt !== null && l.slaDueAt < NOW && !['won', 'lost'].includes(l.stage),
    );
    expect(total.values.slaBreached!.value).toBe(overdue.length);
    expect(total.values.assigned!.value).toBeCloseTo(
      leads.filter((l) => l.ownerId).length / leads.length,
      9,
    );
    const u2 = w.rows.find((r) => r.key === 'u2')!;
    expect(u2.values.records!.value).toBe(leads.filter((l) => l.ownerId === 'u2').length);
  });

  it('data health: assigned within 24 hours of creation, the late ones listed, duplicates merged', async () => {
    const delay = (l: GenLead) =>
      l.ownerId === null ? null : l.assignedAt === null ? 0 : l.assignedAt - l.createdAt;
    const isLate = (l: GenLead) => delay(l) === null || delay(l)! > DAY;
    for (const actor of [manager, rep]) {
      const w = await widget('health', {}, actor);
      const mine = visibleTo(actor);
      const total = w.rows.find((r) => r.key === '$total')!;
      const late = mine.filter(isLate);
      // Both kinds are in the data: never owned, and owned more than a day after creation.
      if (actor === manager) expect(late.some((l) => l.ownerId !== null)).toBe(true);
      expect(total.values.assignedLate!.value).toBe(late.length);
      expect(await opens(total.values.assignedLate!, actor)).toBe(late.length);
      expect(total.values.assigned24h!.value).toBeCloseTo(1 - late.length / mine.length, 9);
      const merges = (ls: GenLead[]) => ls.reduce((a, l) => a + l.merges.length, 0);
      expect(total.values.merged!.value).toBe(merges(mine));
      expect(merges(mine)).toBeGreaterThan(0);
      const u1 = w.rows.find((r) => r.key === 'u1')!;
      expect(u1.values.merged!.value).toBe(merges(mine.filter((l) => l.ownerId === 'u1')));
      expect(u1.values.assignedLate!.value).toBe(
        mine.filter((l) => l.ownerId === 'u1' && isLate(l)).length,
      );
    }
    // Merges are counted in the period they happened.
    const q = { from: '2026-03-01', to: '2026-03-10', timeZone: 'UTC' };
    const [from, to] = [Date.UTC(2026, 2, 1), Date.UTC(2026, 2, 11)];
    const w = await widget('health', q);
    expect(w.rows.find((r) => r.key === '$total')!.values.merged!.value).toBe(
      leads.flatMap((l) => l.merges).filter((at) => at >= from && at < to).length,
    );
  });

  it('stale follow-ups: per owner, the open owned records without a follow-up for `days`, now', async () => {
    const cutoff = NOW - 5 * DAY;
    const open = (l: GenLead) => l.ownerId !== null && !['won', 'lost'].includes(l.stage);
    const last = (l: GenLead) => l.lastActivityAt ?? l.createdAt;
    const isStale = (l: GenLead) => open(l) && last(l) <= cutoff;
    for (const actor of [manager, rep, supervisor]) {
      const w = await widget('stale', {}, actor);
      const mine = visibleTo(actor);
      const owners = [...new Set(mine.filter(open).map((l) => l.ownerId!))];
      expect(new Set(w.rows.filter((r) => r.key !== '$total').map((r) => r.key))).toEqual(
        new Set(owners),
      );
      for (const owner of [...owners, '$total']) {
        const theirs = mine.filter((l) => owner === '$total' || l.ownerId === owner);
        const stale = theirs.filter(isStale);
        const row = w.rows.find((r) => r.key === owner)!;
        expect(row.values.stale!.value, `${actor.userId} ${owner}`).toBe(stale.length);
        expect(row.values.open!.value).toBe(theirs.filter(open).length);
        expect(row.values.neverContacted!.value).toBe(
          stale.filter((l) => l.lastActivityAt === null).length,
        );
        const oldest = stale.length ? Math.min(...stale.map(last)) : null;
        expect(row.values.oldestDays!.value).toBe(oldest === null ? null : (NOW - oldest) / DAY);
        expect(await opens(row.values.stale!, actor)).toBe(stale.length);
        expect(await opens(row.values.neverContacted!, actor)).toBe(
          row.values.neverContacted!.value,
        );
      }
      // Most stale first.
      const counts = w.rows.slice(0, -1).map((r) => r.values.stale!.value!);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    }
    // The rep's list names only the rep; the stale ones exist on both sides of the cut-off.
    expect((await widget('stale', {}, rep)).rows.map((r) => r.key)).toEqual(['u1', '$total']);
    expect(leads.filter(isStale).length).toBeGreaterThan(5);
    expect(leads.filter((l) => open(l) && !isStale(l)).length).toBeGreaterThan(5);
  });

  it('source health: leads received, merged and refused per source in the period, days since the last', async () => {
    const log = (id: string, status: 'accepted' | 'rejected', at: number) =>
      store.intakeLog.append({
        id,
        kind: 'webhook',
        sourceKey: 'ads',
        status,
        httpStatus: status === 'accepted' ? 201 : 422,
        reasons: null,
        recordId: null,
        ip: null,
        idempotencyKey: null,
        at,
      });
    await log('s1', 'accepted', Date.UTC(2026, 2, 5));
    await log('s2', 'rejected', Date.UTC(2026, 2, 6));
    await log('s3', 'rejected', Date.UTC(2026, 1, 1));
    const q = { from: '2026-03-01', to: '2026-03-10', timeZone: 'UTC' };
    const [from, to] = [Date.UTC(2026, 2, 1), Date.UTC(2026, 2, 11)];
    const admin: Actor = { kind: 'user', userId: 'a', role: 'admin' };
    const w = await widget('sources', q, admin);
    const merged = leads.flatMap((l) => l.merges);
    const inRange = merged.filter((at) => at >= from && at < to).length;
    const ads = w.rows.find((r) => r.key === 'webhook:ads')!;
    expect(ads.label).toBe('Lead ads');
    expect(ads.values.received!.value).toBe(inRange + 1);
    expect(ads.values.merged!.value).toBe(inRange);
    expect(ads.values.failed!.value).toBe(1);
    expect(ads.values.failureRate!.value).toBeCloseTo(1 / (inRange + 2), 9);
    const last = Math.max(...merged, Date.UTC(2026, 2, 5));
    expect(ads.values.sinceLast!.value).toBeCloseTo((NOW - last) / DAY, 9);
    expect(ads.flag).toBe(NOW - last > 2 * DAY ? true : undefined);
    // Intake health is for readers who monitor or run intake, not for a rep or a supervisor.
    for (const actor of [rep, supervisor]) {
      const hidden = await widget('sources', q, actor);
      expect(hidden.rows).toEqual([]);
      expect(hidden.note).toBe('You may not read these records.');
    }
  });

  it('attribution: spend, won revenue, CAC, LTV/CAC flagged under 2.5, A/B variants', async () => {
    const w = await widget('roi');
    const spend: Record<string, number> = { c1: 500_000, c2: 2_000_000 };
    for (const code of ['c1', 'c2']) {
      const mine = leads.filter((l) => l.campaignCode === code);
      const won = mine.filter((l) => l.stage === 'won');
      const revenue = won.reduce((a, l) => a + (l.quotedAmount ?? 0), 0);
      const row = w.rows.find((r) => r.key === code)!;
      expect(row.values.leads!.value).toBe(mine.length);
      expect(row.values.won!.value).toBe(won.length);
      expect(row.values.revenue!.value).toBe(revenue);
      expect(row.values.spend!.value).toBe(spend[code]);
      expect(row.values.cac!.value).toBeCloseTo(spend[code]! / won.length, 6);
      expect(row.values.ltvCac!.value).toBeCloseTo(revenue / spend[code]!, 9);
      expect(row.flag === true).toBe(revenue / spend[code]! < 2.5);
      const a = w.rows.find((r) => r.key === `${code}/A`)!;
      expect(a.values.leads!.value).toBe(mine.filter((l) => l.variant === 'A').length);
      expect(await opens(a.values.won!, manager)).toBe(a.values.won!.value);
    }
    expect(w.rows.find((r) => r.key === 'c3')!.values.spend!.value).toBeNull();
    // A rep who may not read campaigns sees no spend.
    const own = await widget('roi', {}, rep);
    expect(own.rows.every((r) => r.values.spend?.value == null)).toBe(true);
  });

  it("attribution from the touches: each lead counts for its first touch's campaign, A/B by utm_content", async () => {
    const w = await widget('roiTouch');
    const spend: Record<string, number> = { c1: 500_000, c2: 2_000_000 };
    for (const code of ['c1', 'c2']) {
      const mine = leads.filter((l) => l.touch?.campaign === code);
      const won = mine.filter((l) => l.stage === 'won');
      const revenue = won.reduce((a, l) => a + (l.quotedAmount ?? 0), 0);
      const row = w.rows.find((r) => r.key === code)!;
      expect(row.values.leads!.value).toBe(mine.length);
      expect(await opens(row.values.leads!, manager)).toBe(mine.length);
      expect(row.values.won!.value).toBe(won.length);
      expect(row.values.revenue!.value).toBe(revenue);
      expect(row.values.cac!.value).toBeCloseTo(spend[code]! / won.length, 6);
      expect(row.values.ltvCac!.value).toBeCloseTo(revenue / spend[code]!, 9);
      expect(row.flag === true).toBe(revenue / spend[code]! < 2.5);
      for (const variant of ['A', 'B']) {
        const v = w.rows.find((r) => r.key === `${code}/${variant}`)!;
        const vs = mine.filter((l) => l.touch!.content === variant);
        expect(v.values.leads!.value).toBe(vs.length);
        expect(v.values.won!.value).toBe(vs.filter((l) => l.stage === 'won').length);
        expect(await opens(v.values.won!, manager)).toBe(v.values.won!.value);
      }
    }
    // The later touch ('later') never takes the credit; untouched leads group under empty.
    expect(w.rows.some((r) => r.key === 'later')).toBe(false);
    expect(w.rows.find((r) => r.key === '')!.values.leads!.value).toBe(
      leads.filter((l) => !l.touch || l.touch.campaign === null).length,
    );
  });

  it('metric and before/after: the period against the one before it', async () => {
    const q = { from: '2026-03-16', to: '2026-03-29', timeZone: 'UTC' };
    const inRange = (l: GenLead, a: number, b: number) => l.createdAt >= a && l.createdAt < b;
    const [from, to] = [Date.UTC(2026, 2, 16), Date.UTC(2026, 2, 30)];
    const open = (l: GenLead) => ['new', 'qualified', 'trial', 'quoted'].includes(l.stage);
    const m = await widget('open', q);
    const now = leads.filter((l) => open(l) && inRange(l, from, to)).length;
    const before = leads.filter((l) => open(l) && inRange(l, from - 14 * DAY, from)).length;
    expect(m.rows[0]!.values.value!.value).toBe(now);
    expect(m.rows[0]!.values.previous!.value).toBe(before);
    expect(m.rows[0]!.values.change!.value).toBeCloseTo((now - before) / before, 9);
    expect(m.period.previous).toEqual({ from: '2026-03-02', to: '2026-03-15' });
    const ba = await widget('change', q);
    const after = leads.filter((l) => inRange(l, from, to));
    expect(ba.rows.find((r) => r.key === 'leads')!.values.after!.value).toBe(after.length);
    expect(ba.rows.find((r) => r.key === 'conversion')!.values.after!.value).toBeCloseTo(
      after.filter((l) => l.stage === 'won').length / after.length,
      9,
    );
  });

  it('before/after with no period chosen: the last 30 days against the 30 before', async () => {
    const ba = await widget('change', { timeZone: 'UTC' });
    const end = NOW - (NOW % DAY) + DAY; // the end of today in UTC
    const [from, before] = [end - 30 * DAY, end - 60 * DAY];
    const count = (a: number, b: number) =>
      leads.filter((l) => l.createdAt >= a && l.createdAt < b).length;
    const row = ba.rows.find((r) => r.key === 'leads')!.values;
    expect(count(before, from)).toBeGreaterThan(0);
    expect([row.before!.value, row.after!.value]).toEqual([count(before, from), count(from, end)]);
    expect(ba.period.from).toBe(dayOf(from, 'UTC'));
    expect(ba.period.previous).toEqual({
      from: dayOf(before, 'UTC'),
      to: dayOf(from - DAY, 'UTC'),
    });
    expect(ba.columns.slice(0, 2)).toMatchObject([
      { label: 'Before', period: { from: dayOf(before, 'UTC'), to: dayOf(from - DAY, 'UTC') } },
      { label: 'After', period: { from: dayOf(from, 'UTC'), to: dayOf(end - DAY, 'UTC') } },
    ]);
  });

  it('ratio: one count over another with its own filter, the previous period and the change', async () => {
    const q = { from: '2026-03-16', to: '2026-03-29', timeZone: 'UTC' };
    const [from, to] = [Date.UTC(2026, 2, 16), Date.UTC(2026, 2, 30)];
    const rate = (a: number, b: number) => {
      const set = leads.filter((l) => l.createdAt >= a && l.createdAt < b);
      return [set.filter((l) => l.stage === 'won').length, set.length] as const;
    };
    const w = await widget('wonRate', q);
    const [won, all] = rate(from, to);
    const [wonBefore, allBefore] = rate(from - 14 * DAY, from);
    expect(won).toBeGreaterThan(0);
    const row = w.rows[0]!.values;
    expect([row.numerator!.value, row.denominator!.value]).toEqual([won, all]);
    expect(row.rate!.value).toBeCloseTo(won / all, 9);
    expect(row.previous!.value).toBeCloseTo(wonBefore / allBefore, 9);
    const change = won / all - wonBefore / allBefore;
    expect(row.change!.value).toBeCloseTo(change, 9);
    expect(await opens(row.numerator!, manager)).toBe(won);
    expect(await opens(row.denominator!, manager)).toBe(all);
    // The two counts are headed by the widget's own labels, in the reader's locale.
    const heads = (x: WidgetReport) =>
      x.columns.filter((c) => c.key !== 'rate' && c.key !== 'previous' && c.key !== 'change');
    expect(heads(w).map((c) => [c.key, c.label])).toEqual([
      ['numerator', 'Leads won'],
      ['denominator', 'All leads'],
    ]);
    expect(heads(await widget('wonRate', q, manager, 'zh-CN')).map((c) => c.label)).toEqual([
      '成交线索',
      '全部线索',
    ]);
    // Without them, words for what each side counts: all the widget's records below the line.
    const {
      numeratorLabel: _n,
      denominatorLabel: _d,
      ...bare
    } = reportSpec.dashboards!.flatMap((d) => d.widgets).find((x) => x.key === 'wonRate')!;
    const plain = await reports.preview(bare, q, { actor: manager, locale: 'zh-CN' });
    expect(plain.ok && heads(plain.widget).map((c) => c.label)).toEqual([
      '符合条件的线索',
      '线索总数',
    ]);
    // A rep's rate counts only the rep's records, on both sides.
    const mine = visibleTo(rep).filter((l) => l.createdAt >= from && l.createdAt < to);
    const r = (await widget('wonRate', q, rep)).rows[0]!.values;
    expect([r.numerator!.value, r.denominator!.value]).toEqual([
      mine.filter((l) => l.stage === 'won').length,
      mine.length,
    ]);
  });

  it('ratio per value: the most counted below the line first, "other", every count opening its records', async () => {
    const w = await widget('wonRateBySource');
    const by = new Map<string, [number, number]>();
    for (const l of leads) {
      const k = l.source ?? '';
      const [a, b] = by.get(k) ?? [0, 0];
      by.set(k, [a + (l.stage === 'won' ? 1 : 0), b + (l.stage !== 'new' ? 1 : 0)]);
    }
    const order = [...by].sort(
      (x, y) => y[1][1] - x[1][1] || y[1][0] - x[1][0] || x[0].localeCompare(y[0]),
    );
    const top = order.slice(0, 2);
    expect(
      w.rows
        .slice(0, 2)
        .map((r) => [r.key, r.values.numerator!.value, r.values.denominator!.value]),
    ).toEqual(top.map(([k, [a, b]]) => [k, a, b]));
    const rest = order.slice(2);
    const other = w.rows.find((r) => r.key === '$other')!.values;
    expect(other.numerator!.value).toBe(rest.reduce((s, [, [a]]) => s + a, 0));
    expect(other.denominator!.value).toBe(rest.reduce((s, [, [, b]]) => s + b, 0));
    expect(other.rate!.value).toBeCloseTo(other.numerator!.value! / other.denominator!.value!, 9);
    for (const r of w.rows)
      for (const side of ['numerator', 'denominator'])
        expect(await opens(r.values[side]!, manager), `${r.key} ${side}`).toBe(
          r.values[side]!.value,
        );
    expect(w.columns.map((c) => c.key)).toEqual(['rate', 'numerator', 'denominator']);
    const zh = await widget('wonRateBySource', {}, manager, 'zh-CN');
    expect(zh.columns[0]!.label).toBe('比率');
    // Without labels the headers name what they count (the entity, and whether the line below
    // has its own condition), not "numerator" / "denominator".
    expect(w.columns.slice(1).map((c) => c.label)).toEqual(['Matching Lead', 'Eligible Lead']);
    expect(zh.columns.slice(1).map((c) => c.label)).toEqual(['符合条件的线索', '作为基数的线索']);
  });

  it('refuses bad parameters with localized errors naming each one', async () => {
    const r = await reports.dashboard(
      'sales',
      { from: '2026-02-30', to: '2026-01-01', timeZone: 'Mars/Base' },
      { actor: manager, locale: 'zh-CN' },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.errors.map((e) => [e.path, e.code])).toEqual([
      ['/from', 'invalid_date'],
      ['/timeZone', 'invalid_time_zone'],
    ]);
    expect(r.error.errors[0]!.message).toContain('不是日期');
    const order = await reports.dashboard(
      'sales',
      { from: '2026-03-02', to: '2026-03-01' },
      { actor: manager, locale: 'en' },
    );
    expect(!order.ok && order.error.errors[0]).toMatchObject({
      path: '/to',
      code: 'invalid_range',
    });
    const missing = await reports.widget('sales', 'nope', {}, { actor: manager, locale: 'en' });
    expect(!missing.ok && missing.error.code).toBe('not_found');
  });

  it('lists the dashboards a reader may see, the role default first', async () => {
    const r = await reports.list({ actor: manager, locale: 'en' });
    expect(r.ok && r.dashboards.map((d) => [d.key, d.default])).toEqual([['sales', true]]);
    const none = await reports.list({
      actor: { kind: 'user', userId: 'x', role: 'nobody' },
      locale: 'en',
    });
    expect(none.ok && none.dashboards).toEqual([]);
  });

  it('answers a whole dashboard with every widget', async () => {
    const r = await reports.dashboard(
      'sales',
      { from: '2026-03-01', to: '2026-03-31' },
      { actor: supervisor, locale: 'zh-CN' },
    );
    expect(r.ok && r.dashboard.widgets.map((w) => w.key)).toEqual(
      reportSpec.dashboards!.find((d) => d.key === 'sales')!.widgets.map((w) => w.key),
    );
  });

  it('opens a dashboard to the roles it names, its workbench roles, else viewReports', async () => {
    const keys = async (actor: Actor) => {
      const r = await reports.list({ actor, locale: 'en' });
      return r.ok ? r.dashboards.map((d) => d.key).sort() : r;
    };
    expect(await keys(manager)).toEqual(['sales']); // its workbench; no viewReports
    expect(await keys(rep)).toEqual(['sales']); // named by the dashboard
    expect(await keys(supervisor)).toEqual(['owners', 'sales']); // viewReports + named
    expect(await keys({ kind: 'user', userId: 'a', role: 'admin' })).toEqual(['owners', 'sales']);
    for (const actor of [manager, rep]) {
      const d = await reports.dashboard('owners', {}, { actor, locale: 'en' });
      expect(!d.ok && d.error.code).toBe('not_found');
      const w = await reports.widget('owners', 'board', {}, { actor, locale: 'zh-CN' });
      expect(!w.ok && w.error.code).toBe('not_found');
    }
    const ok = await reports.widget('owners', 'board', {}, { actor: supervisor, locale: 'en' });
    expect(ok.ok).toBe(true);
  });

  it("names the draft dashboard's readers in the builder's preview, by its roles and key", async () => {
    const w = {
      key: 'n',
      type: 'metric',
      title: { 'zh-CN': '数', en: 'N' },
      entity: 'lead',
    } as WidgetSpec;
    const admin: Actor = { kind: 'user', userId: 'a', role: 'admin' };
    const readers = async (on?: { key?: string; roles?: string[] }) => {
      const r = await reports.preview(w, {}, { actor: admin, locale: 'en' }, on);
      return r.ok ? r.readers : r;
    };
    expect(await readers()).toEqual(['supervisor']); // names no roles: viewReports
    expect(await readers({ key: 'sales' })).toEqual(['manager', 'supervisor']); // + workbench
    expect(await readers({ key: 'sales', roles: ['sales'] })).toEqual(['manager', 'sales']);
    expect(await readers({ key: 'new', roles: ['sales'] })).toEqual(['sales']);
  });

  it("a rep's every widget counts only the rep's records: the manager's numbers for that owner", async () => {
    const q = { from: '2026-03-01', to: '2026-04-10', timeZone: 'UTC' };
    const d = (actor: Actor, extra: ReportQuery = {}) =>
      reports.dashboard('sales', { ...q, ...extra }, { actor: { ...actor }, locale: 'en' });
    const mine = await d(rep);
    const theirs = await d({ ...manager, role: 'admin' }, { owner: 'u1' });
    if (!mine.ok || !theirs.ok) throw new Error('dashboard refused');
    const own = visibleTo(rep).map((l) => l.id);
    let checked = 0;
    const widgets = (r: typeof mine) => (r.ok ? r.dashboard.widgets : []) as WidgetReport[];
    for (const [i, w] of widgets(mine).entries()) {
      const other = widgets(theirs)[i]!;
      // Intake health is not record data: the rep sees none of it (its own test).
      if (w.type === 'sourceHealth') continue;
      // Spend lives on campaigns the rep may not read; everything else must match the owner's.
      const skip = new Set(['spend', 'cac', 'ltvCac']);
      const values = (x: WidgetReport) =>
        x.rows.map((r) => [
          r.key,
          Object.entries(r.values)
            .filter(([k]) => !skip.has(k))
            .map(([k, n]) => [k, n.value]),
        ]);
      expect(values(w), w.key).toEqual(values(other));
      for (const row of w.rows)
        for (const [k, n] of Object.entries(row.values)) {
          if (!n.filter || w.columns.find((c) => c.key === k)?.unit !== 'count') continue;
          // The drill-down, listed as the rep, opens only the rep's records, as many as shown.
          const page = await store.records(reportSpec as never).list('lead', {
            filter: n.filter,
            scope: (permissions.listScope!(rep, 'lead') as { logic: unknown }).logic,
            context: { now: NOW, user: { id: 'u1', teams: ['tech'], roles: ['sales'] } },
            count: true,
            limit: 500,
          });
          if (!page.ok) throw new Error(JSON.stringify(page.error));
          expect(page.value.records.every((r) => own.includes(r.id))).toBe(true);
          // Dwell counts moves out of a stage; its list shows the records that made them, each once.
          if (w.type !== 'dwellTime')
            expect(page.value.total, `${w.key} ${row.key} ${k}`).toBe(n.value);
          checked++;
        }
    }
    expect(checked).toBeGreaterThan(40);
    expect(
      widgets(mine)
        .find((w) => w.key === 'board')!
        .rows.map((r) => r.key),
    ).toEqual(['u1']);
  });
});
