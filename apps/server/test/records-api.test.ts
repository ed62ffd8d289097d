import { describe, expect, it } from 'vitest';
import { fullStack } from './stack';

type Lead = { id: string; name: string; version: number; stage: string; ownerId: string | null };

describe('records API', () => {
  it('creates, reads, lists with filter/sort/cursor, updates with version, changes stage, deletes and restores', async () => {
    const s = await fullStack();
    const { cookie, id: me } = await s.signIn('boss', 'manager', ['tech']);
    const created: Lead[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await s.request('/api/v1/records/lead', {
        method: 'POST',
        cookie,
        json: { name: `客户${i}`, phone: `1380013800${i}`, course: i % 2 ? 'python' : 'uiDesign' },
      });
      expect(res.status, await res.clone().text()).toBe(201);
      expect(res.headers.get('location')).toMatch(/^\/api\/v1\/records\/lead\//);
      created.push((await res.json()) as Lead);
    }
    expect(created[0]).toMatchObject({ ownerId: me, stage: 'new', version: 1 });

    const page1 = (await (
      await s.request('/api/v1/records/lead?sort=name&limit=2', { cookie })
    ).json()) as { items: Lead[]; nextCursor: string };
    expect(page1.items.map((l) => l.name)).toEqual(['客户0', '客户1']);
    const page2 = (await (
      await s.request(
        `/api/v1/records/lead?sort=name&limit=2&cursor=${encodeURIComponent(page1.nextCursor)}`,
        { cookie },
      )
    ).json()) as { items: Lead[] };
    expect(page2.items.map((l) => l.name)).toEqual(['客户2', '客户3']);
    const filter = encodeURIComponent(JSON.stringify({ '==': [{ var: 'course' }, 'python'] }));
    const python = (await (
      await s.request(`/api/v1/records/lead?filter=${filter}&sort=-name`, { cookie })
    ).json()) as { items: Lead[] };
    expect(python.items.map((l) => l.name)).toEqual(['客户3', '客户1']);

    const lead = created[1]!;
    const patched = await s.request(`/api/v1/records/lead/${lead.id}`, {
      method: 'PATCH',
      cookie,
      json: { version: 1, wechatId: 'wx_one1' },
    });
    expect(patched.status, await patched.clone().text()).toBe(200);
    expect(await patched.json()).toMatchObject({ wechatId: 'wx_one1', version: 2 });
    const stale = await s.request(`/api/v1/records/lead/${lead.id}`, {
      method: 'PATCH',
      cookie,
      json: { version: 1, wechatId: 'wx_two2' },
    });
    expect(stale.status).toBe(409);
    expect(stale.headers.get('content-type')).toMatch(/problem\+json/);

    const gate = await s.request(`/api/v1/records/lead/${lead.id}/stage`, {
      method: 'POST',
      cookie,
      json: { stage: 'qualified' },
    });
    expect(gate.status).toBe(422);
    const missing = ((await gate.json()) as { errors: { path: string }[] }).errors.map(
      (e) => e.path,
    );
    expect(missing).toEqual(expect.arrayContaining(['/budgetRange', '/decisionCycle']));

    const admin = await s.signIn('root', 'admin');
    expect(
      (
        await s.request(`/api/v1/records/lead/${lead.id}`, {
          method: 'DELETE',
          cookie: admin.cookie,
        })
      ).status,
    ).toBe(204);
    expect(
      (await s.request(`/api/v1/records/lead/${lead.id}`, { cookie: admin.cookie })).status,
    ).toBe(404);
    const bin = (await (
      await s.request('/api/v1/records/lead/deleted', { cookie: admin.cookie })
    ).json()) as { items: Lead[] };
    expect(bin.items.map((l) => l.id)).toEqual([lead.id]);
    expect((await s.request('/api/v1/records/lead/deleted', { cookie })).status).toBe(403);
    const restored = await s.request(`/api/v1/records/lead/${lead.id}/restore`, {
      method: 'POST',
      cookie: admin.cookie,
    });
    expect(restored.status).toBe(200);
    const timeline = (await (
      await s.request(`/api/v1/records/lead/${lead.id}/timeline`, { cookie: admin.cookie })
    ).json()) as { items: { kind: string }[] };
    expect(timeline.items.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['created', 'change', 'deleted', 'restored']),
    );
  });

  it('refuses bad list parameters with problem details naming the parameter', async () => {
    const s = await fullStack();
    const { cookie } = await s.signIn('rep', 'sales', ['tech']);
    const cases: [string, string][] = [
      ['filter=%7Bnot json', '/filter'],
      [`filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'nope' }, 1] }))}`, '/filter'],
      [`filter=${encodeURIComponent(JSON.stringify({ evil: [1] }))}`, '/filter'],
      ['sort=-nope', '/sort'],
      ['limit=0', '/limit'],
      ['limit=abc', '/limit'],
      ['limit=100000', '/limit'],
    ];
    for (const [query, path] of cases) {
      const res = await s.request(`/api/v1/records/lead?${query}`, { cookie });
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { errors: { path: string }[] };
      expect(
        body.errors[0]?.path.startsWith(path),
        `${query}: ${JSON.stringify(body.errors)}`,
      ).toBe(true);
    }
  });

  it('refuses writing read-only and unknown fields, and answers 404 for unknown entities', async () => {
    const s = await fullStack();
    const { cookie } = await s.signIn('rep', 'sales', ['tech']);
    const ro = await s.request('/api/v1/records/lead', {
      method: 'POST',
      cookie,
      json: { name: 'x', phone: '13800138000', source: 'douyin' },
    });
    expect(ro.status).toBe(422);
    expect(await ro.json()).toMatchObject({
      errors: [{ path: '/source', code: 'field_readonly' }],
    });
    const unknown = await s.request('/api/v1/records/lead', {
      method: 'POST',
      cookie,
      json: { name: 'x', phone: '13800138000', bogus: 1 },
    });
    expect(unknown.status).toBe(422);
    expect(
      ((await unknown.json()) as { errors: { path: string; code: string }[] }).errors,
    ).toContainEqual(expect.objectContaining({ path: '/bogus', code: 'unknown_field' }));
    // Owner and team change only with the reassign capability.
    const mate = await s.signIn('mate', 'sales', ['tech']);
    const mine = await s.engine.records.create(
      'lead',
      {
        name: '我的',
        phone: '+8613300007777',
        source: 'website',
        ownerId: (await s.app.ctx.users.byLogin('rep'))!.id,
        teamId: 'tech',
      },
      { actor: { kind: 'system' }, via: 'import' },
    );
    if (!mine.ok) throw new Error('lead');
    const give = await s.request(`/api/v1/records/lead/${String(mine.record.id)}`, {
      method: 'PATCH',
      cookie,
      json: { version: 1, ownerId: mate.id },
    });
    expect(give.status).toBe(422);
    expect(await give.json()).toMatchObject({
      errors: [{ path: '/ownerId', code: 'field_readonly' }],
    });
    const boss = await s.signIn('boss', 'manager', ['tech']);
    expect(
      (
        await s.request(`/api/v1/records/lead/${String(mine.record.id)}`, {
          method: 'PATCH',
          cookie: boss.cookie,
          json: { version: 1, ownerId: mate.id },
        })
      ).status,
    ).toBe(200);
    expect((await s.request('/api/v1/records/nothing', { cookie })).status).toBe(404);
    expect((await s.request('/api/v1/records/campaign', { cookie })).status).toBe(404);
  });

  it('serves an OpenAPI 3.1 document with the live entities and their fields', async () => {
    const s = await fullStack();
    const doc = (await (await s.request('/api/v1/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { properties: Record<string, { enum?: string[] }> }> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths).toHaveProperty(['/api/v1/records/lead']);
    expect(doc.paths).toHaveProperty(['/f/apply']);
    expect(doc.components.schemas.Lead?.properties.course?.enum).toContain('python');
    expect(Object.keys(doc.components.schemas.LeadInput?.properties ?? {})).not.toContain(
      'profileScore',
    );
    expect(
      (doc.paths['/api/v1/auth/login'] as { post: { requestBody: unknown } }).post.requestBody,
    ).toBeTruthy();
    // Anonymous readers see no field hidden from any role (marketing may not see phones).
    expect(
      (doc.components.schemas.LeadInput as unknown as { examples: Record<string, unknown>[] })
        .examples[0],
    ).toEqual({ name: '姓名', source: 'douyin' });
    const boss = await s.signIn('boss', 'manager', ['sales']);
    const bossDoc = (await (
      await s.request('/api/v1/openapi.json', { cookie: boss.cookie })
    ).json()) as { components: { schemas: { LeadInput: { examples: object[] } } } };
    expect(bossDoc.components.schemas.LeadInput.examples[0]).toMatchObject({
      phone: '+8613800138000',
    });
    // A role that may not see the phone gets an example (and schema) without it.
    const mkt = await s.signIn('mkt', 'marketing', ['marketing']);
    const theirs = (await (
      await s.request('/api/v1/openapi.json', { cookie: mkt.cookie })
    ).json()) as {
      components: { schemas: { LeadInput: { properties: object; examples: object[] } } };
    };
    expect(Object.keys(theirs.components.schemas.LeadInput.properties)).not.toContain('phone');
    expect(theirs.components.schemas.LeadInput.examples[0]).not.toHaveProperty('phone');
    // Anonymous readers do not learn fields hidden from any role.
    expect(Object.keys(doc.components.schemas.Student?.properties ?? {})).not.toContain('idNumber');
  });
});

describe('export', () => {
  it('exports the records in scope as CSV (BOM, quoted, no hidden columns) for roles with the export capability', async () => {
    const s = await fullStack();
    const sup = await s.signIn('sup', 'supervisor', ['tech']);
    const rep = await s.signIn('rep', 'sales', ['tech']);
    const sys = { actor: { kind: 'system' as const }, via: 'import' as const };
    await s.engine.records.create(
      'student',
      {
        name: '=HYPERLINK("x")',
        phone: '+8613600001111',
        idNumber: '33010619900101123X',
        ownerId: rep.id,
        teamId: 'tech',
      },
      sys,
    );
    await s.engine.records.create(
      'student',
      { name: '别队', phone: '+8613600002222', ownerId: rep.id, teamId: 'design' },
      sys,
    );
    const res = await s.request('/api/v1/records/student/export', { cookie: sup.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('"姓名"');
    expect(lines[0]).not.toContain('身份证号');
    expect(text).not.toContain('33010619900101123X');
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect((await s.request('/api/v1/records/student/export', { cookie: rep.cookie })).status).toBe(
      403,
    );
  });
});
