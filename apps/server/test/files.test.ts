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
});
