import { describe, expect, it } from 'vitest';
import type { AppSpec } from '@trellis/spec';
import { fullStack } from './stack';

type Lead = { id: string; version: number; ownerId: string | null };

/** The education spec with the seed article's handover protocol and a pool cap on leads. */
function withRules(spec: AppSpec): AppSpec {
  return {
    ...spec,
    entities: spec.entities.map((e) =>
      e.key === 'lead' ? { ...e, handover: { note: 'protocol' }, poolPolicy: { claimCap: 1 } } : e,
    ),
  } as AppSpec;
}

async function setup() {
  const s = await fullStack({}, withRules);
  const boss = await s.signIn('boss', 'manager', []);
  const amy = await s.signIn('amy', 'sales', ['tech']);
  const bob = await s.signIn('bob', 'sales', ['tech']);
  const call = async (
    path: string,
    who: { cookie: string },
    init: { method?: string; json?: unknown; lang?: string } = {},
  ) => {
    const res = await s.request(path, {
      method: init.method ?? 'GET',
      cookie: who.cookie,
      headers: { 'accept-language': init.lang ?? 'en' },
      ...(init.json !== undefined ? { json: init.json } : {}),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : null) as Record<string, unknown>,
    };
  };
  const lead = async (who: { cookie: string }, name: string) => {
    const r = await call('/api/v1/records/lead', who, {
      method: 'POST',
      json: { name, phone: `1380013${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}` },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as unknown as Lead;
  };
  return { s, boss, amy, bob, call, lead };
}

const protocol = {
  needs: ['周末班', '预算 8k', '想转行'],
  risks: ['拒绝电话推销', '比价'],
  open: ['试听时间未定'],
};

describe('ownership API', () => {
  it('hands a record over with the protocol note; the previous owner reads it, cannot change it', async () => {
    const { amy, bob, call, lead } = await setup();
    const l = await lead(amy, '王小明');
    const missing = await call('/api/v1/records/lead/handover', amy, {
      method: 'POST',
      json: { ids: [l.id], to: 'bob', note: { needs: ['a'] } },
      lang: 'zh-CN',
    });
    expect(missing.status).toBe(422);
    const errs = missing.body.errors as { path: string; message: string }[];
    expect(errs.map((e) => e.path)).toEqual(['/note/needs', '/note/risks', '/note/open']);
    expect(errs[0]?.message).toContain('关键需求');
    const bad = await call('/api/v1/records/lead/handover', amy, {
      method: 'POST',
      json: { ids: 'x' },
    });
    expect(bad.status).toBe(422);

    const ok = await call('/api/v1/records/lead/handover', amy, {
      method: 'POST',
      json: { ids: [l.id], to: 'bob', reason: '调岗', note: protocol },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await call(`/api/v1/records/lead/${l.id}`, amy)).status).toBe(200);
    const patch = await call(`/api/v1/records/lead/${l.id}`, amy, {
      method: 'PATCH',
      json: { name: '改名' },
    });
    expect(patch.status).toBeGreaterThanOrEqual(400);
    const mine = await call(`/api/v1/records/lead/${l.id}`, bob);
    expect((mine.body as unknown as Lead).ownerId).toBe(bob.id);
    const ledger = await call(`/api/v1/records/lead/${l.id}/ownership`, bob);
    expect((ledger.body.items as { kind: string }[]).map((c) => c.kind)).toEqual([
      'create',
      'handover',
    ]);
    const tasks = await call('/api/v1/tasks', bob);
    expect((tasks.body.items as { title: string }[])[0]?.title).toContain('24');
  });

  it('pool: release needs a reason, claim has a cap, someone else’s record cannot be released', async () => {
    const { amy, bob, call, lead } = await setup();
    const a = await lead(amy, '甲');
    const b = await lead(amy, '乙');
    const noReason = await call(`/api/v1/records/lead/${a.id}/release`, amy, {
      method: 'POST',
      json: {},
      lang: 'zh-CN',
    });
    expect(noReason.status).toBe(422);
    expect((noReason.body.errors as { path: string; message: string }[])[0]).toMatchObject({
      path: '/reason',
    });
    expect((noReason.body.errors as { message: string }[])[0]?.message).toContain('释放原因');
    for (const l of [a, b])
      expect(
        (
          await call(`/api/v1/records/lead/${l.id}/release`, amy, {
            method: 'POST',
            json: { reason: '无意向' },
          })
        ).status,
      ).toBe(200);
    const pool = await call('/api/v1/pool/lead', bob);
    expect(pool.status).toBe(200);
    expect((pool.body.items as Lead[]).map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect((await call(`/api/v1/records/lead/${a.id}/claim`, bob, { method: 'POST' })).status).toBe(
      200,
    );
    const capped = await call(`/api/v1/records/lead/${b.id}/claim`, bob, { method: 'POST' });
    expect(capped.status).toBe(400);
    expect((capped.body.errors as { code: string }[])[0]?.code).toBe('claim_cap');
    const notTheirs = await call(`/api/v1/records/lead/${a.id}/release`, amy, {
      method: 'POST',
      json: { reason: 'x' },
    });
    expect(notTheirs.status).toBe(404);
  });

  it('a rep leaves: only with reassign, preview then one operation', async () => {
    const { boss, amy, bob, call, lead } = await setup();
    for (const n of ['一', '二', '三']) await lead(amy, n);
    expect(
      (
        await call('/api/v1/users/amy/leave/preview', bob, {
          method: 'POST',
          json: { to: ['bob'] },
        })
      ).status,
    ).toBe(403);
    // The preview says what the run would refuse: the protocol note, each part on its path.
    const bare = await call('/api/v1/users/amy/leave/preview', boss, {
      method: 'POST',
      json: { to: ['bob'] },
      lang: 'zh-CN',
    });
    expect(bare.status).toBe(422);
    expect((bare.body.errors as { path: string }[]).map((e) => e.path)).toEqual([
      '/note/needs',
      '/note/risks',
      '/note/open',
    ]);
    expect((bare.body.errors as { message: string }[])[0]?.message).toContain('关键需求');
    const preview = await call('/api/v1/users/amy/leave/preview', boss, {
      method: 'POST',
      json: { to: ['bob'], note: protocol },
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect((preview.body.items as unknown[]).length).toBe(3);
    const done = await call('/api/v1/users/amy/leave', boss, {
      method: 'POST',
      json: { to: ['bob'], note: protocol },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.handovers).toBe(3);
    const bobs = await call('/api/v1/records/lead?count=1', bob);
    expect(bobs.body.total).toBe(3);
  });
});
