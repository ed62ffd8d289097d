import { describe, expect, it } from 'vitest';
import { eventsSince } from '../src/routes/events';
import { fullStack } from './stack';

const SECRET_ID = '33010619900101123X';
const SECRET_QUOTE = 9876543;
const SECRET_PHONE = '+8613512398765';
const SECRET_WECHAT = 'leak_wechat_zz9';

describe('hidden fields never appear in any response', () => {
  it('keeps every hidden value out of lists, records, search, timeline, history, errors, OpenAPI and events', async () => {
    const s = await fullStack();
    const sys = { actor: { kind: 'system' as const }, via: 'import' as const };
    const users = {
      sales: await s.signIn('sales1', 'sales', ['tech']),
      supervisor: await s.signIn('sup1', 'supervisor', ['tech']),
      advisor: await s.signIn('adv1', 'advisor', ['advisors']),
      marketing: await s.signIn('mkt1', 'marketing', ['marketing']),
    };
    const lead = await s.engine.records.create(
      'lead',
      {
        name: '泄漏测试',
        phone: SECRET_PHONE,
        wechatId: SECRET_WECHAT,
        source: 'website',
        ownerId: users.sales.id,
        teamId: 'tech',
      },
      sys,
    );
    if (!lead.ok) throw new Error(JSON.stringify(lead.error));
    const leadId = String(lead.record.id);
    // A change history that includes the hidden values (before and after).
    const upd = await s.engine.records.update(
      'lead',
      leadId,
      { quotedAmount: SECRET_QUOTE, notes: 'n1' },
      sys,
    );
    if (!upd.ok) throw new Error(JSON.stringify(upd.error));
    const student = await s.engine.records.create(
      'student',
      {
        name: '学员泄漏',
        phone: '+8613600001111',
        idNumber: SECRET_ID,
        ownerId: users.sales.id,
        teamId: 'tech',
        lead: leadId,
      },
      sys,
    );
    if (!student.ok) throw new Error(JSON.stringify(student.error));
    const studentId = String(student.record.id);
    await s.engine.records.update('student', studentId, { idNumber: '330106199001019876' }, sys);
    await s.engine.records.update('student', studentId, { idNumber: SECRET_ID }, sys);

    // An automation message that quoted hidden values (templates interpolate {{field}}).
    await s.store.notifications.insert({
      id: 'n-mkt',
      userId: users.marketing.id,
      kind: 'automation',
      title: `新线索 ${SECRET_PHONE.slice(3)}`,
      body: `微信 ${SECRET_WECHAT}`,
      entity: 'lead',
      recordId: leadId,
      payload: { phone: SECRET_PHONE, text: SECRET_PHONE },
      createdAt: Date.now(),
    });
    await s.store.notifications.insert({
      id: 'n-adv',
      userId: users.advisor.id,
      kind: 'automation',
      title: `报价 ${SECRET_QUOTE}`,
      body: null,
      entity: 'lead',
      recordId: leadId,
      payload: null,
      createdAt: Date.now(),
    });
    await s.store.notifications.insert({
      id: 'n-sales',
      userId: users.sales.id,
      kind: 'automation',
      title: `学员 ${SECRET_ID}`,
      body: null,
      entity: 'student',
      recordId: studentId,
      payload: null,
      createdAt: Date.now(),
    });
    const task = await s.engine.tasks.create(
      {
        entity: 'student',
        recordId: studentId,
        title: `核对身份证 ${SECRET_ID}`,
        assigneeId: users.sales.id,
      },
      { actor: { kind: 'system' } },
    );
    if (!task.ok) throw new Error(JSON.stringify(task.error));
    const cases: { who: keyof typeof users; secrets: string[]; paths: string[] }[] = [
      {
        who: 'sales',
        secrets: [SECRET_ID],
        paths: [
          `/api/v1/records/student`,
          `/api/v1/records/student/${studentId}`,
          `/api/v1/records/student/${studentId}/timeline`,
          `/api/v1/records/student/${studentId}/history`,
          `/api/v1/search?q=${encodeURIComponent('学员泄漏')}`,
          `/api/v1/records/student?q=${SECRET_ID}`,
        ],
      },
      {
        who: 'supervisor',
        secrets: [SECRET_ID],
        paths: [
          `/api/v1/records/student/${studentId}`,
          `/api/v1/records/student/${studentId}/history`,
          `/api/v1/records/student?limit=5`,
        ],
      },
      {
        who: 'advisor',
        secrets: [String(SECRET_QUOTE)],
        paths: [
          `/api/v1/records/lead`,
          `/api/v1/records/lead/${leadId}`,
          `/api/v1/records/lead/${leadId}/timeline`,
          `/api/v1/records/lead/${leadId}/history`,
          `/api/v1/search?q=${encodeURIComponent('泄漏测试')}`,
        ],
      },
      {
        who: 'marketing',
        secrets: [SECRET_PHONE, SECRET_PHONE.slice(3), SECRET_WECHAT],
        paths: [
          `/api/v1/records/lead`,
          `/api/v1/records/lead/${leadId}`,
          `/api/v1/records/lead/${leadId}/timeline`,
          `/api/v1/records/lead/${leadId}/history`,
          `/api/v1/search?q=${encodeURIComponent('泄漏测试')}`,
          `/api/v1/search?q=${SECRET_PHONE.slice(5)}`,
          `/api/v1/search?q=${SECRET_WECHAT}`,
        ],
      },
    ];
    let inspected = 0;
    for (const c of cases) {
      const { cookie } = users[c.who];
      const bodies: string[] = [];
      for (const path of [
        ...c.paths,
        '/api/v1/me',
        '/api/v1/openapi.json',
        '/api/v1/notifications',
        '/api/v1/tasks',
      ]) {
        const res = await s.request(path, { cookie });
        // Each role reads the records themselves, so an absent value is redaction, not refusal.
        if (/\/records\/\w+\/[^/?]+$/.test(path)) expect(res.status, `${c.who} ${path}`).toBe(200);
        // The path itself may carry a probe value; only what the server answers is inspected.
        bodies.push(`${res.status} ${await res.text()}`);
      }
      // Probing through filters, sorts and writes is refused like an unknown field.
      const probeField =
        c.who === 'advisor' ? 'quotedAmount' : c.who === 'marketing' ? 'phone' : 'idNumber';
      const probeEntity = c.who === 'advisor' || c.who === 'marketing' ? 'lead' : 'student';
      const filter = await s.request(
        `/api/v1/records/${probeEntity}?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: probeField }, 'x'] }))}`,
        { cookie },
      );
      expect(filter.status).toBe(400);
      const sort = await s.request(`/api/v1/records/${probeEntity}?sort=-${probeField}`, {
        cookie,
      });
      expect(sort.status).toBe(400);
      bodies.push(await filter.text(), await sort.text());
      const write = await s.request(
        `/api/v1/records/${probeEntity}/${probeEntity === 'lead' ? leadId : studentId}`,
        { method: 'PATCH', cookie, json: { version: 1, [probeField]: 'x', name: '' } },
      );
      bodies.push(await write.text());
      const me = await s.app.ctx.users.current((await s.app.ctx.users.byId(users[c.who].id))!);
      const events = await eventsSince(
        s.app.ctx,
        { kind: 'user', userId: me.id, role: me.role, teams: me.teams },
        { after: null, notification: null },
      );
      expect(events.length).toBeGreaterThan(0);
      if (c.who !== 'supervisor') expect(events.some((e) => e.event === 'notification')).toBe(true);
      bodies.push(JSON.stringify(events));
      for (const body of bodies) {
        inspected++;
        for (const secret of c.secrets)
          expect(body.includes(secret), `${c.who} saw ${secret} in ${body.slice(0, 200)}`).toBe(
            false,
          );
      }
      // The reader's OpenAPI document does not name the hidden field either.
      const doc = JSON.stringify(
        await (await s.request('/api/v1/openapi.json', { cookie })).json(),
      );
      const schema =
        JSON.parse(doc).components.schemas[probeEntity === 'lead' ? 'Lead' : 'Student'];
      expect(Object.keys(schema.properties)).not.toContain(probeField);
    }
    // The same endpoints do show the values to a role that may see them (the test can fail).
    const admin = await s.signIn('root', 'admin');
    const seen = await (
      await s.request(`/api/v1/records/student/${studentId}/history`, { cookie: admin.cookie })
    ).text();
    expect(seen).toContain(SECRET_ID);
    expect(
      await (await s.request(`/api/v1/records/lead/${leadId}`, { cookie: admin.cookie })).text(),
    ).toContain(String(SECRET_QUOTE));
    expect(inspected).toBeGreaterThan(30);
  });
});
