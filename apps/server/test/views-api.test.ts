import { describe, expect, it } from 'vitest';
import { fullStack } from './stack';

type Lead = { id: string; name: string; version: number; stage: string; ownerId: string | null };
type View = { key: string; kind: string; entity: string; label: unknown; columns?: string[] };

async function setup() {
  const s = await fullStack();
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
    return (await res.json()) as Lead;
  };
  const get = async (path: string, who: { cookie: string }, lang = 'en') => {
    const res = await s.request(path, { cookie: who.cookie, headers: { 'accept-language': lang } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return { s, boss, amy, bob, create, get };
}

describe('views API', () => {
  it("lists the spec's views over readable entities and runs them by key with $user resolved on the server", async () => {
    const { s, amy, bob, boss, create, get } = await setup();
    const a1 = await create(amy, { name: '阿一', phone: '13800138001', course: 'python' });
    await create(bob, { name: '鲍一', phone: '13800138002', course: 'python' });
    // A lead in the pool (no owner) is readable by reps but is not "my lead".
    const pooled = await create(boss, { name: '池一', phone: '13800138003', source: 'website' });
    const release = await s.request(`/api/v1/records/lead/${pooled.id}`, {
      method: 'PATCH',
      cookie: boss.cookie,
      json: { version: pooled.version, ownerId: null },
    });
    expect(release.status).toBe(200);

    const views = (await get('/api/v1/views', amy)).body.items as View[];
    expect(views.map((v) => v.key)).toContain('my-leads');
    // Reps cannot read campaigns, so the campaign view is not offered to them.
    expect(views.map((v) => v.key)).not.toContain('campaigns');

    const mine = await get('/api/v1/views/my-leads/records?count=1', amy);
    expect(mine.status).toBe(200);
    expect((mine.body.items as Lead[]).map((l) => l.id)).toEqual([a1.id]);
    expect(mine.body.total).toBe(1);
    const pool = await get('/api/v1/views/lead-pool/records', amy);
    expect((pool.body.items as Lead[]).map((l) => l.name)).toEqual(['池一']);
    // An extra filter from the caller narrows the view; it may not name a hidden field.
    const extra = encodeURIComponent(JSON.stringify({ '==': [{ var: 'course' }, 'java'] }));
    expect(
      ((await get(`/api/v1/views/my-leads/records?filter=${extra}`, amy)).body.items as Lead[])
        .length,
    ).toBe(0);
    expect((await get('/api/v1/views/no-such-view/records', amy)).status).toBe(404);
    expect((await get('/api/v1/views/my-leads/records?tz=Mars/Olympus', amy)).status).toBe(400);
  });

  it("keeps a person's saved views to themself and checks them against what they may see", async () => {
    const { s, amy, bob, get } = await setup();
    const post = (json: unknown, lang = 'en') =>
      s.request('/api/v1/views', {
        method: 'POST',
        cookie: amy.cookie,
        json,
        headers: { 'accept-language': lang },
      });
    const res = await post({
      entity: 'lead',
      label: '本周试听',
      type: 'list',
      columns: ['name', 'trialAt'],
      filter: { '>=': [{ var: 'trialAt' }, { startOf: ['week'] }] },
      sort: [{ field: 'trialAt', dir: 'asc' }],
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const view = (await res.json()) as View;
    expect(view).toMatchObject({ kind: 'saved', entity: 'lead', label: '本周试听' });
    expect(((await get('/api/v1/views', amy)).body.items as View[]).map((v) => v.key)).toContain(
      view.key,
    );
    expect((await get(`/api/v1/views/${view.key}/records`, amy)).status).toBe(200);
    // Bob neither sees nor runs, changes or deletes Amy's view.
    expect(
      ((await get('/api/v1/views', bob)).body.items as View[]).map((v) => v.key),
    ).not.toContain(view.key);
    expect((await get(`/api/v1/views/${view.key}/records`, bob)).status).toBe(404);
    const del = await s.request(`/api/v1/views/${view.key}`, {
      method: 'DELETE',
      cookie: bob.cookie,
    });
    expect(del.status).toBe(404);
    const rename = await s.request(`/api/v1/views/${view.key}`, {
      method: 'PATCH',
      cookie: amy.cookie,
      json: { label: '试听' },
    });
    expect(await rename.json()).toMatchObject({ label: '试听', columns: ['name', 'trialAt'] });
    // The spec's views are the builder's: not changed through this endpoint.
    const spec = await s.request('/api/v1/views/my-leads', {
      method: 'DELETE',
      cookie: amy.cookie,
    });
    expect(spec.status).toBe(403);

    const refused = await post(
      {
        entity: 'lead',
        label: '',
        type: 'grid',
        columns: ['name', 'nope'],
        filter: { '==': [{ var: 'secret' }, 1] },
      },
      'zh-CN',
    );
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as {
      errors: { path: string; code: string; message: string }[];
    };
    expect(problem.errors.map((e) => [e.path, e.code])).toEqual([
      ['/label', 'required'],
      ['/type', 'invalid_value'],
      ['/columns/1', 'unknown_field'],
      ['/filter/==/0', 'logic.unknownField'],
    ]);
    expect(problem.errors.every((e) => /[\u4e00-\u9fff]/.test(e.message))).toBe(true);
    const deleted = await s.request(`/api/v1/views/${view.key}`, {
      method: 'DELETE',
      cookie: amy.cookie,
    });
    expect(deleted.status).toBe(204);
  });

  it('refuses a saved view on a field hidden from the role, as if the field did not exist', async () => {
    const { s } = await setup();
    const advisor = await s.signIn('ada', 'advisor', []);
    const res = await s.request('/api/v1/views', {
      method: 'POST',
      cookie: advisor.cookie,
      json: {
        entity: 'lead',
        label: 'x',
        columns: ['quotedAmount'],
        sort: [{ field: 'quotedAmount' }],
      },
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: { path: string; code: string }[] };
    expect(body.errors.map((e) => [e.path, e.code])).toEqual([
      ['/columns/0', 'unknown_field'],
      ['/sort/0/field', 'invalid_sort'],
    ]);
  });
});

describe('groups API', () => {
  it('counts and sums per stage under the same permissions and filters as the list', async () => {
    const { s, amy, bob, boss, create, get } = await setup();
    const a = await create(amy, { name: 'A', phone: '13800138011', course: 'python' });
    await create(amy, { name: 'B', phone: '13800138012', course: 'java' });
    await create(bob, { name: 'C', phone: '13800138013', course: 'python' });
    const patch = await s.request(`/api/v1/records/lead/${a.id}`, {
      method: 'PATCH',
      cookie: boss.cookie,
      json: { version: a.version, quotedAmount: 880000 },
    });
    expect(patch.status).toBe(200);
    const mine = await get('/api/v1/records/lead/groups?by=stage&sum=quotedAmount', amy);
    expect(mine.body.groups).toEqual([{ value: 'new', count: 2, sums: { quotedAmount: 880000 } }]);
    const all = await get('/api/v1/records/lead/groups?by=course', boss);
    expect(all.body.groups).toEqual([
      { value: 'python', count: 2, sums: {} },
      { value: 'java', count: 1, sums: {} },
    ]);
    const filter = encodeURIComponent(JSON.stringify({ '==': [{ var: 'course' }, 'python'] }));
    const python = await get(`/api/v1/records/lead/groups?filter=${filter}`, boss);
    expect(python.body.groups).toEqual([{ value: null, count: 2, sums: {} }]);
    const board = await get('/api/v1/views/my-leads/groups', amy);
    expect(board.status).toBe(200);

    const advisor = await s.signIn('ada', 'advisor', []);
    const hidden = await get('/api/v1/records/lead/groups?by=stage&sum=quotedAmount', advisor);
    expect(hidden.status).toBe(400);
    expect((hidden.body.errors as { path: string; code: string }[])[0]).toMatchObject({
      path: '/sums/0',
      code: 'unknown_field',
    });
    expect((await get('/api/v1/records/lead/groups?by=nope', boss)).status).toBe(400);
  });
});

describe('bulk API', () => {
  it('applies an action record by record and reports each refusal', async () => {
    const { s, amy, bob, boss, create } = await setup();
    const a = await create(amy, { name: 'A', phone: '13800138021' });
    const b = await create(bob, { name: 'B', phone: '13800138022' });
    const bulk = (who: { cookie: string }, json: unknown, lang = 'en') =>
      s.request('/api/v1/records/lead/bulk', {
        method: 'POST',
        cookie: who.cookie,
        json,
        headers: { 'accept-language': lang },
      });

    // Amy moves her lead and Bob's: hers fails the gate with the fields named, Bob's is not found.
    const res = await bulk(amy, { action: 'stage', stage: 'qualified', ids: [a.id, b.id] });
    expect(res.status).toBe(200);
    const out = (await res.json()) as {
      results: {
        id: string;
        ok: boolean;
        status?: number;
        code?: string;
        errors?: { path: string }[];
      }[];
      succeeded: number;
      failed: number;
    };
    expect(out).toMatchObject({ succeeded: 0, failed: 2 });
    expect(out.results[0]).toMatchObject({ id: a.id, ok: false, status: 422, code: 'stage_gate' });
    expect(out.results[0]!.errors!.map((e) => e.path).sort()).toEqual([
      '/budgetRange',
      '/course',
      '/decisionCycle',
    ]);
    expect(out.results[1]).toMatchObject({ id: b.id, ok: false, status: 404, code: 'not_found' });

    // With the required values the same move goes through for her lead only.
    const filled = await bulk(amy, {
      action: 'stage',
      stage: 'qualified',
      ids: [a.id],
      values: { course: 'python', budgetRange: 'under5k', decisionCycle: 'withinWeek' },
    });
    expect(await filled.json()).toMatchObject({ succeeded: 1, failed: 0 });

    // A rep may not give leads to someone else; the manager may, per record.
    // (the engine refuses the read-only owner field record by record, as a single write would).
    const give = await bulk(amy, { action: 'assign', ownerId: bob.id, ids: [a.id] });
    const refused = (await give.json()) as {
      failed: number;
      results: { ok: boolean; status: number; errors: { path: string }[] }[];
    };
    expect(refused.failed).toBe(1);
    expect(refused.results[0]).toMatchObject({ ok: false, status: 422 });
    expect(refused.results[0]!.errors.map((e) => e.path)).toContain('/ownerId');
    const assign = await bulk(boss, {
      action: 'assign',
      ownerId: bob.id,
      ids: [a.id, b.id, 'missing'],
    });
    const assigned = (await assign.json()) as { results: { id: string; ok: boolean }[] };
    expect(assigned.results.map((r) => r.ok)).toEqual([true, true, false]);
    const now = await s.request(`/api/v1/records/lead/${a.id}`, { cookie: bob.cookie });
    expect(((await now.json()) as Lead).ownerId).toBe(bob.id);

    // The manager has no delete right: each record is refused, nothing is deleted. The manager
    // reads the lead, so the refusal says so rather than "not found".
    const del = await bulk(boss, { action: 'delete', ids: [a.id] });
    expect(await del.json()).toMatchObject({
      succeeded: 0,
      failed: 1,
      results: [
        {
          id: a.id,
          ok: false,
          status: 403,
          code: 'forbidden',
          message: 'You are not allowed to do this.',
        },
      ],
    });
    expect((await s.request(`/api/v1/records/lead/${a.id}`, { cookie: boss.cookie })).status).toBe(
      200,
    );

    const tooMany = await bulk(
      boss,
      { action: 'delete', ids: Array.from({ length: 501 }, (_, i) => `x${i}`) },
      'zh-CN',
    );
    expect(tooMany.status).toBe(422);
    const problem = (await tooMany.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors[0]).toMatchObject({ path: '/ids', message: '一次最多 500 项。' });
    expect((await bulk(boss, { action: 'explode', ids: [a.id] })).status).toBe(422);
  });

  it('moves a stage with the required values in one call (the move dialog)', async () => {
    const { s, amy, create } = await setup();
    const a = await create(amy, { name: 'A', phone: '13800138031' });
    const res = await s.request(`/api/v1/records/lead/${a.id}/stage`, {
      method: 'POST',
      cookie: amy.cookie,
      json: {
        stage: 'qualified',
        values: { course: 'python', budgetRange: 'under5k', decisionCycle: 'withinWeek' },
      },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ stage: 'qualified', course: 'python' });
  });
});
