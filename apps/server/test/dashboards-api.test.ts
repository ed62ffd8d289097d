import { describe, expect, it, vi } from 'vitest';
import { createManualClock } from '@trellis/engine';
import { fullStack } from './stack';

type Num = { value: number | null; filter?: unknown };
type Widget = { key: string; rows: { key: string; values: Record<string, Num> }[]; note?: string };

const DAY = 86_400_000;

async function setup(clock?: ReturnType<typeof createManualClock>) {
  const s = await fullStack(clock ? { clock } : {});
  const boss = await s.signIn('boss', 'manager', []);
  const amy = await s.signIn('amy', 'sales', ['tech']);
  const bob = await s.signIn('bob', 'sales', ['tech']);
  const create = async (who: { cookie: string }, values: Record<string, unknown>) => {
    const res = await s.request('/api/v1/records/lead', {
      method: 'POST',
      cookie: who.cookie,
      json: values,
    });
    expect(res.status, await res.clone().text()).toBe(201);
  };
  const get = async (path: string, who: { cookie: string }, lang = 'en') => {
    const res = await s.request(path, { cookie: who.cookie, headers: { 'accept-language': lang } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return { s, boss, amy, bob, create, get };
}

describe('dashboards API', () => {
  it('answers the funnel scoped to the reader, each number listing exactly its records', async () => {
    const { amy, bob, boss, create, get } = await setup();
    await create(amy, { name: '阿一', phone: '13800138001', course: 'python' });
    await create(amy, { name: '阿二', phone: '13800138002', course: 'python' });
    await create(bob, { name: '鲍一', phone: '13800138003', course: 'python' });
    const list = await get('/api/v1/dashboards', boss);
    expect(list.status).toBe(200);
    const dashboards = list.body.dashboards as { key: string; default: boolean }[];
    expect(dashboards[0]).toMatchObject({ key: 'sales-funnel', default: true });

    for (const [who, path, expected] of [
      [boss, 'sales-funnel/widgets/funnel', 3],
      [amy, 'my-numbers/widgets/myFunnel', 2],
    ] as const) {
      const res = await get(`/api/v1/dashboards/${path}`, who);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const first = (res.body as unknown as Widget).rows[0]!;
      expect(first.key).toBe('new');
      expect(first.values.records!.value).toBe(expected);
      const filter = encodeURIComponent(JSON.stringify(first.values.records!.filter));
      const records = await get(`/api/v1/records/lead?count=1&filter=${filter}`, who);
      expect(records.status, JSON.stringify(records.body)).toBe(200);
      expect(records.body.total).toBe(expected);
    }
    // Data health's drill-downs use the store's virtual fields; the list accepts them.
    const health = await get('/api/v1/dashboards/data-health/widgets/health', boss);
    expect(health.status, JSON.stringify(health.body)).toBe(200);
    const total = (health.body as unknown as Widget).rows.find((r) => r.key === '$total')!;
    for (const key of ['assignedLate', 'incomplete']) {
      const f = encodeURIComponent(JSON.stringify(total.values[key]!.filter));
      const listed = await get(`/api/v1/records/lead?count=1&filter=${f}`, boss);
      expect(listed.status, JSON.stringify(listed.body)).toBe(200);
      expect(listed.body.total).toBe(total.values[key]!.value);
    }
    // Intake health per source, for a manager (monitor): the template's sources, none refused.
    const sources = await get('/api/v1/dashboards/data-health/widgets/sources', boss, 'zh-CN');
    expect(sources.status, JSON.stringify(sources.body)).toBe(200);
    const rows = (sources.body as unknown as Widget).rows;
    expect(rows.map((r) => r.key)).toContain('webhook:douyin');
    expect(rows.every((r) => r.values.failed!.value === 0)).toBe(true);
    // A rep has no viewReports and the managers' dashboards do not name the sales role.
    const own = await get('/api/v1/dashboards', amy);
    expect((own.body.dashboards as { key: string }[]).map((d) => d.key)).toEqual(['my-numbers']);
    for (const path of ['sales-funnel', 'sales-funnel/widgets/funnel', 'team-performance'])
      expect((await get(`/api/v1/dashboards/${path}`, amy)).status).toBe(404);
    const whole = await get('/api/v1/dashboards/sales-funnel?from=2025-01-01&to=2030-12-31', boss);
    expect(whole.status).toBe(200);
    expect((whole.body.widgets as Widget[]).map((w) => w.key)).toContain('funnel');
  });

  it("stale follow-ups by rep: whose leads had no follow-up for 3 days, a rep's own only", async () => {
    const clock = createManualClock(Date.UTC(2026, 11, 1, 2));
    const { amy, bob, boss, create, get } = await setup(clock);
    await create(amy, { name: '阿一', phone: '13800138001', course: 'python' });
    await create(amy, { name: '阿二', phone: '13800138002', course: 'python' });
    await create(bob, { name: '鲍一', phone: '13800138003', course: 'python' });
    clock.advance(4 * DAY);
    await create(amy, { name: '阿三', phone: '13800138004', course: 'python' });
    const opens = async (n: Num, who: { cookie: string }) => {
      const f = encodeURIComponent(JSON.stringify(n.filter));
      const listed = await get(`/api/v1/records/lead?count=1&filter=${f}`, who);
      expect(listed.status, JSON.stringify(listed.body)).toBe(200);
      return listed.body.total;
    };
    const all = await get('/api/v1/dashboards/team-performance/widgets/staleFollowUps', boss);
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    const rows = (all.body as unknown as Widget).rows;
    const stale = Object.fromEntries(rows.map((r) => [r.key, r.values.stale!.value]));
    expect(Object.values(stale)).toEqual([2, 1, 3]);
    const amyRow = rows[0]!;
    expect(amyRow.values.open!.value).toBe(3);
    expect(await opens(amyRow.values.stale!, boss)).toBe(2);
    expect(await opens(rows[2]!.values.stale!, boss)).toBe(3);
    // Amy's own dashboard: her row and the total, both hers; Bob's leads are not counted.
    const own = await get('/api/v1/dashboards/my-numbers/widgets/myStale', amy, 'zh-CN');
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    const mine = (own.body as unknown as Widget).rows;
    expect(mine.map((r) => r.values.stale!.value)).toEqual([2, 2]);
    expect(mine[0]!.key).toBe(amyRow.key);
    expect(await opens(mine[1]!.values.stale!, amy)).toBe(2);
    expect((own.body as { columns: { label: string }[] }).columns[0]!.label).toBe('超 3 天未跟进');
    expect(
      (await get('/api/v1/dashboards/team-performance/widgets/staleFollowUps', bob)).status,
    ).toBe(404);
  });

  it('during a handover cooldown, each of the rep’s numbers is the count of the list it opens', async () => {
    const clock = createManualClock(Date.UTC(2026, 11, 1, 2));
    const { s, amy, bob, create, get } = await setup(clock);
    await create(amy, { name: '阿一', phone: '13800138001', course: 'python' });
    await create(amy, { name: '阿二', phone: '13800138002', course: 'python' });
    const mine = await get('/api/v1/records/lead', amy);
    const id = (mine.body.items as { id: string }[])[0]!.id;
    const handed = await s.request('/api/v1/records/lead/handover', {
      method: 'POST',
      cookie: amy.cookie,
      json: { ids: [id], to: bob.id, reason: '调岗' },
    });
    expect(handed.status, await handed.clone().text()).toBe(200);
    const numbers = async () => {
      const out: [number | null, unknown][] = [];
      for (const [key, column] of [
        ['myLeads', 'value'],
        ['myFunnel', 'records'],
      ] as const) {
        const res = await get(`/api/v1/dashboards/my-numbers/widgets/${key}`, amy);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        const n = (res.body as unknown as Widget).rows[0]!.values[column]!;
        const f = encodeURIComponent(JSON.stringify(n.filter));
        const listed = await get(`/api/v1/records/lead?count=1&filter=${f}`, amy);
        expect(listed.status, JSON.stringify(listed.body)).toBe(200);
        out.push([n.value, listed.body.total]);
      }
      return out;
    };
    // The education template's 48-hour cooldown: amy still reads the lead she handed to bob,
    // but it is bob's now, and "my" numbers count the leads she owns.
    const readable = async () => (await get('/api/v1/records/lead?count=1', amy)).body.total;
    expect(await readable()).toBe(2);
    expect(await numbers()).toEqual([
      [1, 1],
      [1, 1],
    ]);
    clock.advance(2 * DAY);
    expect(await readable()).toBe(1);
    expect(await numbers()).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });

  it("a rep's own numbers count the leads she owns, not the pool she may also read", async () => {
    const { s, amy, boss, create, get } = await setup();
    await create(amy, { name: '阿一', phone: '13800138001', course: 'python' });
    // Two leads in the pool: no owner, readable by every rep (the template's "own+pool").
    for (const phone of ['13800138011', '13800138012']) {
      await create(boss, { name: '公海', phone, course: 'python' });
      const listed = await get('/api/v1/records/lead?limit=50', boss);
      const lead = (listed.body.items as { id: string; phone: string; version: number }[]).find(
        (r) => r.phone.endsWith(phone.slice(-4)),
      )!;
      const freed = await s.request(`/api/v1/records/lead/${lead.id}`, {
        method: 'PATCH',
        cookie: boss.cookie,
        json: { version: lead.version, ownerId: null },
      });
      expect(freed.status, await freed.clone().text()).toBe(200);
    }
    expect((await get('/api/v1/records/lead?count=1', amy)).body.total).toBe(3);
    const value = async (widget: string, column: string) => {
      const res = await get(`/api/v1/dashboards/my-numbers/widgets/${widget}`, amy);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const rows = (res.body as unknown as Widget).rows;
      const n = (widget === 'myFunnel' ? rows.find((r) => r.key === 'new')! : rows[0]!).values[
        column
      ]!;
      const f = encodeURIComponent(JSON.stringify(n.filter));
      const listed = await get(`/api/v1/records/lead?count=1&filter=${f}`, amy);
      return [n.value, listed.body.total];
    };
    expect(await value('myLeads', 'value')).toEqual([1, 1]);
    expect(await value('myFunnel', 'records')).toEqual([1, 1]);
  });

  it('refuses bad parameters with a localized problem naming each, and unknown dashboards with 404', async () => {
    const { boss, get } = await setup();
    const bad = await get(
      '/api/v1/dashboards/sales-funnel?from=2026-13-01&tz=Mars/Base',
      boss,
      'zh-CN',
    );
    expect(bad.status).toBe(400);
    const errors = bad.body.errors as { path: string; code: string; message: string }[];
    expect(errors.map((e) => e.path)).toEqual(['/from', '/timeZone']);
    expect(errors[0]!.message).toContain('不是日期');
    const order = await get('/api/v1/dashboards/sales-funnel?from=2026-03-02&to=2026-03-01', boss);
    expect(order.status).toBe(400);
    expect((order.body.errors as { code: string }[])[0]!.code).toBe('invalid_range');
    // A drill-down's stage test with a wrong stage or bound: 400 naming it, in either language.
    for (const [filter, lang, words] of [
      [{ enteredStage: [7, 0, 1] }, 'zh-CN', '参数不正确'],
      [{ leftStage: ['new', 'yesterday'] }, 'en', 'Wrong arguments'],
    ] as const) {
      const f = encodeURIComponent(JSON.stringify(filter));
      const refused = await get(`/api/v1/records/lead?filter=${f}`, boss, lang);
      expect(refused.status).toBe(400);
      const [e] = refused.body.errors as { path: string; message: string }[];
      expect(e!.path).toBe(`/filter/${Object.keys(filter)[0]}`);
      expect(e!.message).toContain(words);
    }
    expect((await get('/api/v1/dashboards/nope', boss)).status).toBe(404);
    expect((await get('/api/v1/dashboards/sales-funnel/widgets/nope', boss)).status).toBe(404);
  });
  it('does not count for a client that has gone: widgets, dashboards, groups and counted lists answer 499 unread', async () => {
    const { s, boss, create } = await setup();
    await create(boss, { name: '阿一', phone: '13800138001', course: 'python' });
    const widget = vi.spyOn(s.engine.reports, 'widget');
    const dashboard = vi.spyOn(s.engine.reports, 'dashboard');
    const groups = vi.spyOn(s.engine.records, 'groups');
    const list = vi.spyOn(s.engine.records, 'list');
    const paths = [
      '/api/v1/dashboards/sales-funnel/widgets/funnel',
      '/api/v1/dashboards/sales-funnel',
      '/api/v1/records/lead/groups?by=stage',
      '/api/v1/views/all-leads/groups?by=stage',
      '/api/v1/records/lead?count=1',
      '/api/v1/views/all-leads/records?count=1',
    ];
    for (const path of paths) {
      const gone = new AbortController();
      gone.abort();
      const res = await s.request(path, { cookie: boss.cookie, signal: gone.signal });
      expect(res.status, path).toBe(499);
    }
    expect([widget, dashboard, groups, list].map((f) => f.mock.calls.length)).toEqual([0, 0, 0, 0]);
    // The same requests from a client still there are read and answered.
    for (const path of paths)
      expect((await s.request(path, { cookie: boss.cookie })).status, path).toBe(200);
    expect([widget, dashboard, groups, list].map((f) => f.mock.calls.length)).toEqual([1, 1, 2, 2]);
  });

  // On PostgreSQL count reads run side by side (`pnpm test:pg`): there are no turns to order.
  it.skipIf(process.env.TRELLIS_TEST_STORE === 'pg')(
    "reads a list's count before the dashboards' and groups' counts that wait for their turn",
    async () => {
      const { s, boss, create } = await setup();
      await create(boss, { name: '阿一', phone: '13800138001', course: 'python' });
      // The dashboard holds its turn until every other read below is waiting for one.
      let asked = 0;
      let release!: () => void;
      const allWaiting = new Promise<void>((r) => (release = r));
      const reads = s.app.ctx.countReads;
      const run = reads.run.bind(reads);
      vi.spyOn(reads, 'run').mockImplementation((signal, read, opts) => {
        if (++asked === 7) release();
        return run(signal, read, opts);
      });
      const { reports, records } = s.engine;
      const dashboardRead = reports.dashboard.bind(reports);
      const dashboard = vi.spyOn(reports, 'dashboard').mockImplementation(async (...a) => {
        await allWaiting;
        return dashboardRead(...a);
      });
      const widget = vi.spyOn(reports, 'widget');
      const groups = vi.spyOn(records, 'groups');
      const list = vi.spyOn(records, 'list');
      const paths = [
        '/api/v1/dashboards/sales-funnel',
        '/api/v1/records/lead/groups?by=stage',
        '/api/v1/dashboards/sales-funnel/widgets/funnel',
        '/api/v1/views/all-leads/groups?by=stage',
        '/api/v1/records/lead?count=1',
        '/api/v1/views/all-leads/groups',
        '/api/v1/views/all-leads/records?count=1',
      ];
      const answers = await Promise.all(
        paths.map(async (path) => (await s.request(path, { cookie: boss.cookie })).status),
      );
      expect(answers).toEqual(paths.map(() => 200));
      // Each read as the engine was asked it, in the order asked (a read's own inner calls aside).
      const calls = [
        ...dashboard.mock.invocationCallOrder.map((at) => ({ at, read: 'dashboard' })),
        ...widget.mock.invocationCallOrder.map((at) => ({ at, read: 'widget' })),
        ...groups.mock.calls.map(([, q], i) => ({
          at: groups.mock.invocationCallOrder[i]!,
          read: q.by === null ? 'list total' : `groups by ${q.by}`,
        })),
        ...list.mock.calls.flatMap(([, q], i) =>
          q.count ? [{ at: list.mock.invocationCallOrder[i]!, read: 'counted list' }] : [],
        ),
      ];
      // The running dashboard first; then the lists' counts and the list's total; then the
      // grouped counts and the widget (each part in the order its requests reached their turn,
      // which their routes' own awaits decide).
      const order = calls.sort((a, b) => a.at - b.at).map((c) => c.read);
      expect(order[0]).toBe('dashboard');
      expect(order.slice(1, 4).sort()).toEqual(['counted list', 'counted list', 'list total']);
      expect(order.slice(4).sort()).toEqual(['groups by stage', 'groups by stage', 'widget']);
    },
  );
});
