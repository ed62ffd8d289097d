import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sqliteExec } from '../sqlite/exec';
import { keysetPage, type Page, type PageQuery } from './keyset-page';

type Row = { id: string; due: number | null; at: number; hidden: number };

function table(rows: Row[]) {
  const sqlite = new Database(':memory:');
  sqlite.exec(
    'CREATE TABLE t (id TEXT PRIMARY KEY, due INTEGER, at INTEGER NOT NULL, hidden INTEGER)',
  );
  const insert = sqlite.prepare('INSERT INTO t VALUES (@id, @due, @at, @hidden)');
  for (const r of rows) insert.run(r);
  return { sqlite, x: sqliteExec(() => sqlite) };
}
type Db = ReturnType<typeof table>;
type Query = Omit<PageQuery<Row>, 'select' | 'from' | 'map' | 'page'> & {
  limit: number;
  cursor?: string | null;
};
const page = (db: Db, q: Query) =>
  keysetPage<Row>(db.x, {
    ...q,
    select: '*',
    from: 't',
    map: (r) => ({
      id: r.id as string,
      due: r.due as number | null,
      at: r.at as number,
      hidden: r.hidden as number,
    }),
    page: { limit: q.limit, cursor: q.cursor ?? null },
  });

/** Reads every page and returns the ids in order, with the number of pages. */
async function readAll(db: Db, q: Query) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const got: Page<Row> | null = await page(db, { ...q, cursor });
    if (!got) throw new Error('cursor refused');
    ids.push(...got.items.map((r) => r.id));
    cursor = got.nextCursor;
    pages++;
  } while (cursor && pages < 1000);
  return { ids, pages };
}

// Due dates with NULLs and ties, so the keyset order is tested where it is hard.
const rows: Row[] = Array.from({ length: 53 }, (_, i) => ({
  id: `r${String(i).padStart(2, '0')}`,
  due: i % 5 === 0 ? null : (i * 7) % 11,
  at: 1000 + (i % 4),
  hidden: i % 3 === 0 ? 1 : 0,
}));
const keys = [
  { column: 'due', dir: 'asc' as const },
  { column: 'at', dir: 'desc' as const, notNull: true },
  { column: 'id', dir: 'asc' as const, notNull: true },
];

describe('keysetPage', () => {
  it('pages through every row once, in order, whatever the page size', async () => {
    const db = table(rows);
    const all = (
      db.sqlite.prepare('SELECT id FROM t ORDER BY due ASC, at DESC, id ASC').all() as {
        id: string;
      }[]
    ).map((r) => r.id);
    for (const limit of [1, 7, 53, 60]) {
      const { ids, pages } = await readAll(db, { keys, limit, signature: 't' });
      expect(ids).toEqual(all);
      expect(pages).toBe(Math.max(1, Math.ceil(53 / limit)));
    }
  });

  it('skips rows the caller may not see (also asked asynchronously) and still fills each page', async () => {
    const db = table(rows);
    const visible = rows.filter((r) => r.hidden === 0).length;
    const first = await page(db, {
      keys,
      limit: 10,
      signature: 't',
      keep: (r) => r.hidden === 0,
    });
    expect(first?.items).toHaveLength(10);
    const { ids, pages } = await readAll(db, {
      keys,
      limit: 10,
      signature: 't',
      keep: (r) => Promise.resolve(r.hidden === 0),
    });
    expect(ids).toHaveLength(visible);
    expect(new Set(ids).size).toBe(visible);
    // The last page is not followed by an empty one.
    expect(pages).toBe(Math.ceil(visible / 10));
  });

  it('filters with where clauses and refuses another list’s cursor or garbage', async () => {
    const db = table(rows);
    const one = await page(db, {
      where: ['at = ?'],
      params: [1001],
      keys,
      limit: 3,
      signature: 't',
    });
    expect(one?.items.every((r) => r.at === 1001)).toBe(true);
    expect(
      await page(db, { keys, limit: 3, signature: 'other', cursor: one!.nextCursor }),
    ).toBeNull();
    expect(await page(db, { keys, limit: 3, signature: 't', cursor: 'not-a-cursor' })).toBeNull();
  });

  it('orders by an expression (NULLs last)', async () => {
    const db = table(rows);
    const nullsLast = [
      { column: 'coalesce(due, 1e15)', dir: 'asc' as const, notNull: true },
      { column: 'id', dir: 'asc' as const, notNull: true },
    ];
    const { ids } = await readAll(db, { keys: nullsLast, limit: 4, signature: 't' });
    const dues = ids.map((id) => rows.find((r) => r.id === id)!.due);
    const firstNull = dues.indexOf(null);
    expect(firstNull).toBe(rows.filter((r) => r.due !== null).length);
    expect(dues.slice(0, firstNull)).toEqual([...dues.slice(0, firstNull)].sort((a, b) => a! - b!));
  });
});
