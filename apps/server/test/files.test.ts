import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fullStack } from './stack';

const dir = mkdtempSync(join(tmpdir(), 'trellis-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('files', () => {
  it('uploads a file, attaches it to an activity and lets only readers of that record download it', async () => {
    const s = await fullStack({ filesDir: dir, limits: { intakePerMinute: 0, fileBytes: 4096 } });
    const rep = await s.signIn('rep', 'sales', ['tech']);
    const other = await s.signIn('other', 'sales', ['design']);
    const lead = await s.engine.records.create(
      'lead',
      { name: '附件', phone: '+8613300005555', source: 'website', ownerId: rep.id, teamId: 'tech' },
      { actor: { kind: 'system' }, via: 'import' },
    );
    if (!lead.ok) throw new Error('lead');
    const form = new FormData();
    form.append('file', new File(['%PDF-1.4 quote'], '报价单.pdf', { type: 'application/pdf' }));
    const up = await s.request('/api/v1/files', { method: 'POST', cookie: rep.cookie, body: form });
    expect(up.status).toBe(201);
    const file = (await up.json()) as { id: string; name: string; size: number; mime: string };
    expect(file).toMatchObject({ name: '报价单.pdf', size: 14, mime: 'application/pdf' });
    const logged = await s.request(`/api/v1/records/lead/${String(lead.record.id)}/activities`, {
      method: 'POST',
      cookie: rep.cookie,
      json: { type: 'quote', body: '发送报价', attachments: [file] },
    });
    expect(logged.status).toBe(201);

    const down = await s.request(`/api/v1/files/${file.id}`, { cookie: rep.cookie });
    expect(down.status).toBe(200);
    expect(await down.text()).toBe('%PDF-1.4 quote');
    expect((await s.request(`/api/v1/files/${file.id}`, { cookie: other.cookie })).status).toBe(
      404,
    );
    const boss = await s.signIn('boss', 'manager', ['sales']);
    expect((await s.request(`/api/v1/files/${file.id}`, { cookie: boss.cookie })).status).toBe(200);

    const big = new FormData();
    big.append('file', new File(['x'.repeat(10_000)], 'big.bin'));
    expect(
      (await s.request('/api/v1/files', { method: 'POST', cookie: rep.cookie, body: big })).status,
    ).toBe(413);
  });

  it('refuses a file id the caller neither uploaded nor may read, on every write path (issue 11 item 3)', async () => {
    const s = await fullStack({ filesDir: dir, limits: { intakePerMinute: 0, fileBytes: 4096 } });
    const owner = await s.signIn('owner', 'sales', ['tech']);
    const thief = await s.signIn('thief', 'sales', ['design']);
    const make = async (name: string, ownerId: string, teamId: string, phone: string) => {
      const r = await s.engine.records.create(
        'lead',
        { name, phone, source: 'website', ownerId, teamId },
        { actor: { kind: 'system' }, via: 'import' },
      );
      if (!r.ok) throw new Error(name);
      return r.record;
    };
    const secret = await make('私密', owner.id, 'tech', '+8613300006661');
    const mine = await make('窃取', thief.id, 'design', '+8613300006662');
    const form = new FormData();
    form.append('file', new File(['ID card scan'], '身份证.jpg', { type: 'image/jpeg' }));
    const up = await s.request('/api/v1/files', {
      method: 'POST',
      cookie: owner.cookie,
      body: form,
    });
    const file = (await up.json()) as { id: string; name: string; size: number; mime: string };
    const onOwners = await s.request(`/api/v1/records/lead/${String(secret.id)}`, {
      method: 'PATCH',
      cookie: owner.cookie,
      json: { version: secret.version, attachments: [file] },
    });
    expect(onOwners.status).toBe(200);
    const base = `/api/v1/records/lead/${String(mine.id)}`;
    const forged = { id: file.id, name: 'harmless.txt', size: 1, mime: 'text/plain' };
    const attempts: [string, string, unknown][] = [
      ['PATCH', base, { version: mine.version, attachments: [forged] }],
      ['PATCH', base, { version: mine.version, attachments: [file.id] }],
      ['POST', `${base}/activities`, { type: 'note', body: 'x', attachments: [forged] }],
      [
        'POST',
        '/api/v1/records/lead',
        { name: '新', phone: '+8613300006663', attachments: [file] },
      ],
      [
        'POST',
        '/api/v1/records/lead/bulk',
        { action: 'update', ids: [mine.id], values: { attachments: [file] } },
      ],
    ];
    for (const [method, path, json] of attempts) {
      const res = await s.request(path, { method, cookie: thief.cookie, json });
      expect(res.status, `${method} ${path}`).toBe(422);
      const body = (await res.json()) as { errors: { code: string; message: string }[] };
      expect(body.errors[0]?.code).toBe('file_not_found');
    }
    expect((await s.request(`/api/v1/files/${file.id}`, { cookie: thief.cookie })).status).toBe(
      404,
    );
    const stored = await s.engine.records.get('lead', String(mine.id), {
      actor: { kind: 'system' },
    });
    expect(stored.ok && stored.record.attachments).toBeFalsy();

    // Name, size and type come from the files table, not from the client.
    const own = await s.request(`/api/v1/records/lead/${String(secret.id)}/activities`, {
      method: 'POST',
      cookie: owner.cookie,
      json: { type: 'note', body: '补充', attachments: [forged] },
    });
    expect(own.status).toBe(201);
    const activity = (await own.json()) as { attachments: unknown[] };
    expect(activity.attachments).toEqual([
      { id: file.id, name: '身份证.jpg', size: 12, mime: 'image/jpeg' },
    ]);
  });
});
