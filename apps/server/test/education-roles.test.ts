import { describe, expect, it } from 'vitest';
import { createManualClock } from '@trellis/engine';
import { educationSpec, fullStack } from './stack';

// The article's roles as the education template sets them up: "管理层可查看全局数据，一线销售仅能
// 编辑自己负责的客户信息", each with an operation log of who did what on a lead and a workbench
// of their own.
const T0 = Date.UTC(2026, 2, 2, 1);
const MINUTE = 60_000;

type Change = { field: string; before: unknown; after: unknown };
type Entry = {
  kind: string;
  at: number;
  actorId: string | null;
  changes?: Change[];
  from?: string | null;
  to?: string;
};

async function school() {
  const clock = createManualClock(T0);
  const s = await fullStack({ clock });
  const boss = await s.signIn('boss', 'manager');
  const lead = await s.signIn('wang.lei', 'supervisor', ['tech']);
  const amy = await s.signIn('amy', 'sales', ['tech'], lead.id);
  const bob = await s.signIn('bob', 'sales', ['tech'], lead.id);
  const design = await s.signIn('dora', 'sales', ['design']);
  const call = async (who: { cookie: string }, method: string, path: string, json?: unknown) => {
    const res = await s.request(path, {
      method,
      cookie: who.cookie,
      ...(json !== undefined ? { json } : {}),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as never };
  };
  return { s, clock, boss, lead, amy, bob, design, call };
}

describe('the operation log of a lead (history)', () => {
  it('says who did what and when; the manager and the team lead read it, another rep cannot', async () => {
    const { clock, boss, lead, amy, bob, design, call } = await school();
    const created = await call(amy, 'POST', '/api/v1/records/lead', {
      name: '操作日志',
      phone: '13800138011',
      course: 'python',
      ownerId: amy.id,
      teamId: 'tech',
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    const createdAt = clock.now();
    clock.advance(5 * MINUTE);
    const edited = await call(amy, 'PATCH', `/api/v1/records/lead/${id}`, {
      version: (created.body as { version: number }).version,
      budgetRange: 'from5kTo10k',
      decisionCycle: 'withinMonth',
    });
    expect(edited.status).toBe(200);
    const editedAt = clock.now();
    clock.advance(5 * MINUTE);
    expect(
      (await call(amy, 'POST', `/api/v1/records/lead/${id}/stage`, { stage: 'qualified' })).status,
    ).toBe(200);
    const movedAt = clock.now();
    clock.advance(5 * MINUTE);
    // The manager hands the lead to another rep of the team: the log names the manager.
    expect(
      (
        await call(boss, 'POST', '/api/v1/records/lead/bulk', {
          action: 'assign',
          ids: [id],
          ownerId: bob.id,
          teamId: 'tech',
        })
      ).status,
    ).toBe(200);
    const assignedAt = clock.now();

    const history = await call(boss, 'GET', `/api/v1/records/lead/${id}/history`);
    expect(history.status).toBe(200);
    const items = (history.body as { items: Entry[] }).items;
    // Newest first: who, when, what.
    expect(items.map((e) => [e.kind, e.actorId, e.at])).toEqual([
      ['assignment', boss.id, assignedAt],
      ['stage', amy.id, movedAt],
      ['change', amy.id, editedAt],
      ['stage', amy.id, createdAt],
      ['created', amy.id, createdAt],
    ]);
    expect(items[0]!.changes).toContainEqual({ field: 'ownerId', before: amy.id, after: bob.id });
    expect(items[1]).toMatchObject({ from: 'new', to: 'qualified' });
    expect(items[2]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'budgetRange', before: null, after: 'from5kTo10k' },
        { field: 'decisionCycle', before: null, after: 'withinMonth' },
      ]),
    );
    // The team lead reads the same log; the new owner too.
    for (const who of [lead, bob]) {
      const r = await call(who, 'GET', `/api/v1/records/lead/${id}/history`);
      expect(r.status).toBe(200);
      expect((r.body as { items: Entry[] }).items.map((e) => e.kind)).toEqual(
        items.map((e) => e.kind),
      );
    }
    // The rep who created it no longer owns it, and a rep of another team never did: not found,
    // as for a lead that does not exist (no probing), on the history and the whole timeline.
    for (const who of [amy, design])
      for (const path of ['history', 'timeline'])
        expect((await call(who, 'GET', `/api/v1/records/lead/${id}/${path}`)).status).toBe(404);
    expect((await call(design, 'GET', '/api/v1/records/lead/nope/history')).status).toBe(404);
  });
});

type Tile = { type: string; ref?: string };

describe('each role’s workbench', () => {
  it('gives every education role the workbench its role lists, every tile one the user may open', async () => {
    const { s, call } = await school();
    const roles = educationSpec().roles!;
    expect(roles.map((r) => r.key)).toEqual([
      'admin',
      'manager',
      'supervisor',
      'sales',
      'advisor',
      'marketing',
    ]);
    const teams: Record<string, string[]> = {
      supervisor: ['tech'],
      sales: ['tech'],
      advisor: ['advisors'],
      marketing: ['marketing'],
    };
    for (const role of roles) {
      const who = await s.signIn(`wb-${role.key}`, role.key, teams[role.key] ?? []);
      const me = await call(who, 'GET', '/api/v1/me');
      expect(me.status).toBe(200);
      const workbench = (me.body as { role: { workbench: Tile[] } }).role.workbench;
      expect(workbench, role.key).toEqual(role.workbench);
      const views = (
        (await call(who, 'GET', '/api/v1/views')).body as { items?: { key: string }[] }
      ).items;
      for (const tile of workbench) {
        if (tile.type === 'view') {
          expect(
            views?.map((v) => v.key),
            `${role.key}: view ${tile.ref}`,
          ).toContain(tile.ref);
          const rows = await call(who, 'GET', `/api/v1/views/${tile.ref}/records?limit=5`);
          expect(rows.status, `${role.key}: view ${tile.ref}`).toBe(200);
        } else if (tile.type === 'dashboard') {
          const d = await call(who, 'GET', `/api/v1/dashboards/${tile.ref}`);
          expect(d.status, `${role.key}: dashboard ${tile.ref}`).toBe(200);
        } else expect(tile.type).toBe('tasks');
      }
    }
    // What the article gives each: the rep works their own leads, the manager watches all.
    const of = (key: string) =>
      roles.find((r) => r.key === key)!.workbench!.map((t) => ('ref' in t ? t.ref : t.type));
    expect(of('sales')).toEqual(['my-leads', 'follow-ups-due', 'tasks', 'lead-pool', 'my-numbers']);
    expect(of('manager')).toEqual([
      'sales-funnel',
      'all-leads',
      'sla-breached',
      'lead-pool',
      'team-performance',
      'channel-roi',
    ]);
    expect(of('advisor')).toEqual(['tasks', 'trial-this-week', 'my-students']);
    expect(of('marketing')).toEqual(['channel-roi', 'campaigns']);
  });

  it('counts on a rep’s tiles only the rep’s own leads', async () => {
    const { amy, bob, boss, call } = await school();
    const create = async (who: { id: string; cookie: string }, n: number, stage?: string) => {
      const r = await call(who, 'POST', '/api/v1/records/lead', {
        name: `线索${n}`,
        phone: `1380013${String(8100 + n)}`,
        course: 'python',
        ownerId: who.id,
        teamId: 'tech',
      });
      expect(r.status).toBe(201);
      const id = (r.body as { id: string }).id;
      if (stage)
        expect(
          (
            await call(who, 'POST', `/api/v1/records/lead/${id}/stage`, {
              stage,
              values: { budgetRange: 'under5k', decisionCycle: 'withinWeek' },
            })
          ).status,
        ).toBe(200);
      return id;
    };
    await create(amy, 1);
    await create(amy, 2);
    await create(amy, 3, 'qualified');
    await create(bob, 4);
    await create(bob, 5, 'qualified');
    await create(bob, 6, 'qualified');
    // One in the pool: the pool tile lists it for both reps.
    expect(
      (
        await call(boss, 'POST', '/api/v1/records/lead', {
          name: '公海',
          phone: '13800138207',
          course: 'python',
        })
      ).status,
    ).toBe(201);

    for (const [who, mine] of [
      [amy, { new: 2, qualified: 1 }],
      [bob, { new: 1, qualified: 2 }],
    ] as const) {
      const groups = await call(who, 'GET', '/api/v1/views/my-leads/groups?by=stage');
      expect(groups.status).toBe(200);
      const counts = Object.fromEntries(
        (groups.body as { groups: { value: string; count: number }[] }).groups.map((g) => [
          g.value,
          g.count,
        ]),
      );
      expect(counts).toEqual(mine);
      const list = await call(who, 'GET', '/api/v1/views/my-leads/records?count=1&limit=5');
      const body = list.body as { total: number; items: { ownerId: string }[] };
      expect(body.total).toBe(3);
      expect(body.items.every((r) => r.ownerId === who.id)).toBe(true);
      const funnel = await call(who, 'GET', '/api/v1/dashboards/my-numbers/widgets/myFunnel');
      expect(funnel.status).toBe(200);
      const rows = (
        funnel.body as { rows: { key: string; values: { records: { value: number } } }[] }
      ).rows;
      // The funnel counts leads that reached each stage: all three entered "new".
      expect(rows.find((r) => r.key === 'new')!.values.records.value).toBe(3);
      expect(rows.find((r) => r.key === 'qualified')!.values.records.value).toBe(mine.qualified);
    }
    // The manager's all-leads tile counts everyone's.
    const all = await call(boss, 'GET', '/api/v1/views/all-leads/records?count=1&limit=1');
    expect((all.body as { total: number }).total).toBe(7);
  });
});

describe('the manager’s SLA and unassigned tiles', () => {
  it('hold exactly the open leads past their stage SLA and the leads without an owner; a rep runs the same view over their own', async () => {
    const { clock, boss, amy, bob, call } = await school();
    const HOUR = 60 * MINUTE;
    const create = async (who: { cookie: string }, name: string, phone: string, owner?: string) => {
      const r = await call(who, 'POST', '/api/v1/records/lead', {
        name,
        phone,
        course: 'python',
        ...(owner ? { ownerId: owner, teamId: 'tech' } : {}),
      });
      expect(r.status).toBe(201);
      return (r.body as { id: string }).id;
    };
    const called = await create(amy, '已回访', '13800138301', amy.id);
    const forgotten = await create(amy, '未回访', '13800138302', amy.id);
    const qualified = await create(bob, '需求已确认', '13800138303', bob.id);
    expect(
      (
        await call(bob, 'POST', `/api/v1/records/lead/${qualified}/stage`, {
          stage: 'qualified',
          values: { budgetRange: 'under5k', decisionCycle: 'withinWeek' },
        })
      ).status,
    ).toBe(200);
    // A lead of the manager's, released to the pool: no owner, no SLA running.
    const pooled = await create(boss, '公海线索', '13800138304');
    const held = await call(boss, 'GET', `/api/v1/records/lead/${pooled}`);
    expect(
      (
        await call(boss, 'PATCH', `/api/v1/records/lead/${pooled}`, {
          version: (held.body as { version: number }).version,
          ownerId: null,
        })
      ).status,
    ).toBe(200);
    // 47 hours on, Amy calls one of hers: its 48-hour clock starts again. Two hours later the
    // other two owned leads are past their 48 hours.
    clock.advance(47 * HOUR);
    expect(
      (
        await call(amy, 'POST', `/api/v1/records/lead/${called}/activities`, {
          type: 'call',
          body: '已沟通',
        })
      ).status,
    ).toBe(201);
    clock.advance(2 * HOUR);
    const ids = async (who: { cookie: string }, view: string) => {
      const r = await call(who, 'GET', `/api/v1/views/${view}/records?count=1&limit=50`);
      expect(r.status).toBe(200);
      const body = r.body as { total: number; items: { id: string }[] };
      expect(body.total).toBe(body.items.length);
      return body.items.map((x) => x.id).sort();
    };
    expect(await ids(boss, 'sla-breached')).toEqual([forgotten, qualified].sort());
    const groups = await call(boss, 'GET', '/api/v1/views/sla-breached/groups?by=stage');
    expect(
      (groups.body as { groups: { value: string; count: number }[] }).groups
        .map((g) => [g.value, g.count])
        .sort(),
    ).toEqual([
      ['new', 1],
      ['qualified', 1],
    ]);
    expect(await ids(boss, 'lead-pool')).toEqual([pooled]);
    // The same view for a rep: only the rep's own breach.
    expect(await ids(amy, 'sla-breached')).toEqual([forgotten]);
    expect(await ids(bob, 'sla-breached')).toEqual([qualified]);
  });
});
