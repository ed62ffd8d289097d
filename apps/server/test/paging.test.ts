import { describe, expect, it } from 'vitest';
import { createAutomations } from '@trellis/engine';
import { createApp } from '../src/app';
import { ORIGIN } from './http-harness';
import { fullStack } from './stack';

type Page = { items: { id: string }[]; nextCursor: string | null };

async function stack() {
  const s = await fullStack();
  const automations = createAutomations(s.engine);
  const app = createApp({ engine: s.engine, store: s.store, automations, log: () => {} });
  const admin = await s.signIn('boss', 'admin');
  const get = (path: string, cookie = admin.cookie) =>
    app.request(`${ORIGIN}${path}`, {
      headers: { cookie, origin: ORIGIN, 'accept-language': 'en' },
    });
  const lead = async (i: number) => {
    const r = await s.engine.records.create(
      'lead',
      { name: `Lead ${i}`, phone: `1390000${String(1000 + i)}` },
      { actor: { kind: 'system' } },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.record.id as string;
  };
  return { s, automations, admin, get, lead };
}

/** Follows `nextCursor` from the first page to the last and returns every id it was given. */
async function readAll(
  get: (path: string) => Response | Promise<Response>,
  path: string,
  limit: number,
) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await get(
      `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.status).toBe(200);
    const page = (await res.json()) as Page;
    expect(page.items.length).toBeLessThanOrEqual(limit);
    expect(page).toHaveProperty('nextCursor');
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 100);
  return { ids, pages };
}

async function problemOf(res: Response) {
  expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  return (await res.json()) as {
    status: number;
    code: string;
    detail: string;
    errors: { path: string; code: string; message: string }[];
  };
}

describe('every list pages with limit, cursor and nextCursor', () => {
  it('pages the run log and refuses an unknown status or a foreign cursor', async () => {
    const { automations, get, lead } = await stack();
    for (let i = 0; i < 4; i++) await lead(i);
    await automations.drain();
    const total = (await automations.runs({ limit: 1000 })).length;
    expect(total).toBeGreaterThan(5);
    const { ids, pages } = await readAll(get, '/api/v1/automations/runs', 3);
    expect(new Set(ids).size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 3));

    const status = await problemOf(await get('/api/v1/automations/runs?status=bogus'));
    expect(status).toMatchObject({ status: 400, code: 'invalid_value' });
    expect(status.errors[0]?.path).toBe('/status');
    const succeeded = (await (await get('/api/v1/automations/runs?status=succeeded')).json()) as {
      items: { status: string }[];
    };
    expect(succeeded.items.every((r) => r.status === 'succeeded')).toBe(true);

    const tasks = (await (await get('/api/v1/tasks?limit=1')).json()) as Page;
    const foreign = await problemOf(
      await get(`/api/v1/automations/runs?cursor=${tasks.nextCursor ?? 'garbage'}`),
    );
    expect(foreign).toMatchObject({
      status: 400,
      code: 'invalid_cursor',
      detail: 'The page cursor is invalid; start again from the first page.',
    });
  });

  it('pages tasks, notifications, activities and users the same way', async () => {
    const { s, admin, get, lead } = await stack();
    const id = await lead(1);
    const opts = { actor: { kind: 'user' as const, userId: admin.id, role: 'admin', teams: [] } };
    for (let i = 0; i < 7; i++) {
      await s.engine.tasks.create(
        { title: `t${i}`, assigneeId: admin.id, dueAt: i % 2 ? null : 1000 * i },
        opts,
      );
      await s.engine.activities.log(
        'lead',
        id,
        { type: 'call', body: `call ${i}`, occurredAt: 1000 + (i % 3) },
        opts,
      );
    }
    for (let i = 0; i < 5; i++) await s.signIn(`user${i}`, 'sales');
    for (let i = 0; i < 6; i++)
      await s.store.notifications.insert({
        id: `n${i}`,
        userId: admin.id,
        kind: 'note',
        title: `note ${i}`,
        body: null,
        entity: null,
        recordId: null,
        payload: null,
        createdAt: 1000 + (i % 2),
      });

    for (const [path, count] of [
      ['/api/v1/tasks', 7],
      ['/api/v1/notifications', 6],
      [`/api/v1/records/lead/${id}/activities`, 7],
      ['/api/v1/users', 6],
    ] as const) {
      const { ids, pages } = await readAll(get, path, 2);
      expect(new Set(ids).size, path).toBe(count);
      expect(pages, path).toBe(Math.ceil(count / 2));
      const limit = await problemOf(await get(`${path}?limit=0`));
      expect(limit, path).toMatchObject({ status: 400, code: 'invalid_limit' });
      const cursor = await problemOf(await get(`${path}?cursor=eyJ4Ijox`));
      expect(cursor, path).toMatchObject({ status: 400, code: 'invalid_cursor' });
    }
    // Without a limit a page holds 50.
    const first = (await (await get('/api/v1/tasks')).json()) as Page;
    expect(first.items).toHaveLength(7);
    expect(first.nextCursor).toBeNull();
  });

  it('refuses a sort by more than five fields instead of dropping the rest', async () => {
    const { get } = await stack();
    const ok = await get('/api/v1/records/lead?sort=name,-createdAt,id,stage,ownerId');
    expect(ok.status).toBe(200);
    const six = await problemOf(
      await get('/api/v1/records/lead?sort=name,-createdAt,id,stage,ownerId,teamId'),
    );
    expect(six).toMatchObject({
      status: 400,
      code: 'invalid_sort',
      detail: 'Sort by at most 5 fields (6 given).',
      errors: [{ path: '/sort', code: 'too_many_sort_fields' }],
    });
  });
});
