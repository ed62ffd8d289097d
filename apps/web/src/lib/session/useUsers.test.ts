import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// A directory of 321 people served the way GET /api/v1/users pages: 50 a page unless `limit`
// (at most 200) says otherwise, `nextCursor` the last login of the page.
const people = Array.from({ length: 321 }, (_, i) => ({
  id: `u${String(i).padStart(3, '0')}`,
  login: `p${String(i).padStart(3, '0')}`,
  name: `Person ${i}`,
}));

function directory(url: URL) {
  const limit = Number(url.searchParams.get('limit') ?? 50);
  if (limit > 200) return new Response('{"code":"invalid_limit"}', { status: 400 });
  const after = url.searchParams.get('cursor');
  const start = after ? people.findIndex((p) => p.login === after) + 1 : 0;
  const items = people.slice(start, start + limit);
  const more = start + limit < people.length;
  return Response.json({ items, nextCursor: more ? items.at(-1)!.login : null });
}

describe('the shared user directory', () => {
  const asked: string[] = [];
  beforeAll(() => {
    // The typed client reads location and fetch when its module loads: stub both first.
    vi.stubGlobal('location', { origin: 'http://trellis.test' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: Request | string) => {
        const url = new URL(typeof input === 'string' ? input : input.url, 'http://trellis.test');
        asked.push(url.search);
        return directory(url);
      }),
    );
    vi.resetModules();
  });
  afterAll(() => vi.unstubAllGlobals());

  it('reads every page, so the 51st person and the last have a name and can be picked', async () => {
    const { usersQuery } = await import('./useUsers');
    const users = await usersQuery.queryFn();
    expect(users).toHaveLength(321);
    expect(users.map((u) => u.id)).toEqual(people.map((p) => p.id));
    expect(users.find((u) => u.id === 'u050')?.name).toBe('Person 50');
    // Pages of the API's largest size: a full one, then the rest after its last login.
    expect(asked).toEqual(['?limit=200', '?limit=200&cursor=p199']);
  });
});
