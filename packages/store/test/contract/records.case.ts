import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ListPage, RecordQuery, RecordRepo } from '../../src/index';
import { useStore, type StoreFactory } from './factory';
import { ok } from './seeded';

/** The behaviour every adapter's RecordRepo shows over the `lead` entity of test/fixtures.ts. */
export function recordsContract(factory: StoreFactory): void {
  const ctx = useStore(factory);
  const repo = (): RecordRepo => ctx.store.records(ctx.spec);
  const names = async (q: RecordQuery) => {
    const r = await repo().list('lead', q);
    return r.ok ? r.value.records.map((x) => x.name) : r.error.code;
  };

  /** Follows nextCursor until the end and returns every id in page order. */
  async function pageThrough(query: RecordQuery): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 1000; guard++) {
      const page: ListPage = await ok(repo().list('lead', { ...query, cursor }));
      ids.push(...page.records.map((r) => r.id));
      cursor = page.nextCursor;
      if (!cursor) return ids;
    }
    throw new Error('pagination did not end');
  }

  describe(`${factory.dialect}: records insert/get/update`, () => {
    it('round-trips every storage class in engine form', async () => {
      const created = await ok(
        repo().insert(
          'lead',
          {
            name: '王小明',
            phone: '+8613800138000',
            email: 'wang@example.com',
            city: '330106',
            source: 'douyin',
            tags: ['vip', 'hot'],
            budget: 1234500,
            age: 17.5,
            vip: true,
            birthday: '2008-05-01',
            nextCallAt: 1_700_000_000_000,
            attachments: [{ id: 'f1', name: 'a.pdf', size: 10, mime: 'application/pdf' }],
            ownerId: 'u1',
            stage: 'new',
          },
          { now: 1000 },
        ),
      );
      const got = await repo().get('lead', created.id);
      expect(got).toMatchObject({
        name: '王小明',
        tags: ['vip', 'hot'],
        budget: 1234500,
        age: 17.5,
        vip: true,
        birthday: '2008-05-01',
        nextCallAt: 1_700_000_000_000,
        ownerId: 'u1',
        version: 1,
        createdAt: 1000,
        updatedAt: 1000,
        deletedAt: null,
        notes: null,
      });
      expect(got).toEqual(created);
    });

    it('refuses unknown fields, managed system fields and values of the wrong type without writing', async () => {
      const bad = [
        [{ name: 'a', nope: 1 }, 'unknown_field', '/nope'],
        [{ name: 'a', version: 7 }, 'readonly_field', '/version'],
        [{ name: 'a', budget: 12.5 }, 'invalid_value', '/budget'],
        [{ name: 'a', vip: 'yes' }, 'invalid_value', '/vip'],
        [{ name: 42 }, 'invalid_value', '/name'],
      ] as const;
      for (const [input, code, path] of bad)
        expect(await repo().insert('lead', input)).toMatchObject({
          ok: false,
          error: { code, path },
        });
      expect(await repo().list('lead', { count: true })).toMatchObject({
        ok: true,
        value: { total: 0 },
      });
      expect(await repo().insert('nope', {})).toMatchObject({
        ok: false,
        error: { code: 'unknown_entity' },
      });
      expect(await repo().insert('lead', { id: 'x1', name: 'a' })).toMatchObject({ ok: true });
      expect(await repo().insert('lead', { id: 'x1', name: 'b' })).toMatchObject({
        ok: false,
        error: { code: 'duplicate_id' },
      });
    });

    it('applies a patch, bumps the version and rejects a stale version with the current one', async () => {
      const created = await ok(repo().insert('lead', { name: 'a', budget: 100 }, { now: 1 }));
      expect(
        await repo().update('lead', created.id, { budget: 200, stage: 'qualified' }, 1, { now: 5 }),
      ).toMatchObject({
        ok: true,
        value: { budget: 200, stage: 'qualified', version: 2, updatedAt: 5, createdAt: 1 },
      });
      const stale = await repo().update('lead', created.id, { budget: 300 }, 1);
      expect(stale).toMatchObject({
        ok: false,
        error: { code: 'version_conflict', path: '/version', params: { expected: 1, actual: 2 } },
      });
      expect(stale.ok ? null : stale.error.message).toContain('current version 2');
      expect((await repo().get('lead', created.id))?.budget).toBe(200);
      expect(await repo().update('lead', 'nope', { budget: 1 }, 1)).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    });

    // The automation worker caches what it read for its whole transaction (PostgreSQL: while
    // other transactions write side by side): a locked read must keep the row as read.
    it('keeps a row read with lock as read until the transaction ends', async () => {
      const created = await ok(repo().insert('lead', { name: 'a', budget: 100 }));
      let commit!: () => void;
      const held = new Promise<void>((r) => (commit = r));
      let read!: () => void;
      const locked = new Promise<void>((r) => (read = r));
      const reader = ctx.store.transaction(async (tx) => {
        await tx.records(ctx.spec).get('lead', created.id, { lock: true });
        read();
        await held;
        return (await tx.records(ctx.spec).get('lead', created.id))?.budget;
      });
      await locked;
      let written = false;
      const writer = repo()
        .update('lead', created.id, { budget: 200 }, 1)
        .then((r) => ((written = true), r));
      await new Promise((r) => setTimeout(r, 200));
      expect(written).toBe(false); // waits for the reader's transaction
      commit();
      expect(await reader).toBe(100);
      expect(await writer).toMatchObject({ ok: true, value: { budget: 200 } });
    });

    it('localizes errors in zh-CN', async () => {
      const zh = await factory.open({ locale: 'zh-CN' });
      try {
        const res = await zh.store.records(ctx.spec).update('lead', 'nope', {}, 1);
        expect(res.ok ? null : res.error.message).toBe('记录 nope 不存在');
      } finally {
        await zh.close();
      }
    });
  });

  describe(`${factory.dialect}: records recycle bin and identity`, () => {
    it('hides deleted records from get/list/search/identity, lists them in the bin, and restores them', async () => {
      const a = await ok(repo().insert('lead', { name: '张三', phone: '+8613911112222' }));
      expect(await repo().softDelete('lead', a.id, { now: 50 })).toMatchObject({
        ok: true,
        value: { deletedAt: 50, version: 2 },
      });
      expect(await repo().get('lead', a.id)).toBeNull();
      expect((await repo().get('lead', a.id, { includeDeleted: true }))?.deletedAt).toBe(50);
      expect(await names({})).toEqual([]);
      expect(await names({ search: { text: '张三' } })).toEqual([]);
      expect(await repo().findByIdentity('lead', { phone: '+8613911112222' })).toEqual([]);
      expect(await names({ deleted: 'only' })).toEqual(['张三']);
      expect(await repo().update('lead', a.id, { name: 'x' }, 2)).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      expect(await repo().restore('lead', a.id)).toMatchObject({
        ok: true,
        value: { deletedAt: null, version: 3 },
      });
      expect(await repo().restore('lead', a.id)).toMatchObject({
        ok: false,
        error: { code: 'not_deleted' },
      });
      expect(await repo().softDelete('lead', a.id, { expectedVersion: 1 })).toMatchObject({
        ok: false,
        error: { code: 'version_conflict' },
      });
    });

    it('finds live records sharing any identity key', async () => {
      const a = await ok(repo().insert('lead', { name: 'a', phone: '+8613800138000' }));
      const b = await ok(repo().insert('lead', { name: 'b', email: 'b@example.com' }));
      await repo().insert('lead', { name: 'c', phone: '+8613800138001' });
      const matches = await repo().findByIdentity('lead', {
        phone: '+8613800138000',
        email: 'b@example.com',
      });
      expect(matches.map((m) => [m.key, m.record.id])).toEqual([
        [['phone'], a.id],
        [['email'], b.id],
      ]);
      expect(
        await repo().findByIdentity('lead', { phone: '+8613800138000' }, { excludeId: a.id }),
      ).toEqual([]);
      expect(await repo().findByIdentity('lead', { phone: null, email: '' })).toEqual([]);
    });
  });

  describe(`${factory.dialect}: records list`, () => {
    it('filters with JSONLogic (caller filter AND scope, $user), sorts and counts', async () => {
      const cities = ['330106', '310101', '330106', '110101'];
      for (const [i, city] of cities.entries())
        await repo().insert(
          'lead',
          {
            name: `n${i}`,
            city,
            stage: i % 2 ? 'new' : 'won',
            budget: i * 100,
            ownerId: i < 3 ? 'u1' : 'u2',
            tags: i === 0 ? ['vip'] : [],
          },
          { now: 100 + i },
        );
      const res = await repo().list('lead', {
        filter: {
          and: [{ '==': [{ var: 'city' }, '330106'] }, { '==': [{ var: 'stage' }, 'won'] }],
        },
        count: true,
      });
      expect(res.ok && res.value.records.map((r) => r.name)).toEqual(['n2', 'n0']);
      expect(res.ok && res.value.total).toBe(2);
      expect(
        await names({
          filter: { '>=': [{ var: 'budget' }, 100] },
          scope: { '==': [{ var: 'ownerId' }, { var: '$user.id' }] },
          context: { user: { id: 'u1', teams: [], roles: [] } },
          sort: [{ field: 'budget', dir: 'asc' }],
        }),
      ).toEqual(['n1', 'n2']);
      expect(await names({ filter: { in: ['vip', { var: 'tags' }] } })).toEqual(['n0']);
      expect(await names({ sort: [{ field: 'budget', dir: 'asc' }] })).toEqual([
        'n0',
        'n1',
        'n2',
        'n3',
      ]);
    });

    it('counts and sums per group under filter, scope and search, largest first, deleted left out', async () => {
      const rows = [
        { name: '张一', source: 'douyin', stage: 'new', budget: 100, ownerId: 'u1' },
        { name: '张二', source: 'douyin', stage: 'new', budget: null, ownerId: 'u1' },
        { name: '李三', source: 'douyin', stage: 'won', budget: 50, ownerId: 'u1' },
        { name: '张四', source: 'wechat', stage: 'new', budget: 7, ownerId: 'u1' },
        { name: '王五', source: null, stage: 'new', budget: 1, ownerId: 'u1' },
        { name: '赵六', source: 'wechat', stage: 'new', budget: 900, ownerId: 'u2' },
      ];
      for (const [i, r] of rows.entries()) await repo().insert('lead', r, { now: 10 + i });
      const gone = await ok(
        repo().insert('lead', {
          name: '张七',
          source: 'wechat',
          stage: 'new',
          budget: 5,
          ownerId: 'u1',
        }),
      );
      await repo().softDelete('lead', gone.id);
      const mine = {
        scope: { '==': [{ var: 'ownerId' }, { var: '$user.id' }] },
        context: { user: { id: 'u1', teams: [], roles: [] } },
      };
      expect(
        await ok(
          repo().group('lead', {
            ...mine,
            by: 'source',
            sums: ['budget'],
            filter: { '==': [{ var: 'stage' }, 'new'] },
          }),
        ),
      ).toEqual([
        { value: 'douyin', count: 2, sums: { budget: 100 } },
        { value: null, count: 1, sums: { budget: 1 } },
        { value: 'wechat', count: 1, sums: { budget: 7 } },
      ]);
      expect(await ok(repo().group('lead', { ...mine, sums: ['budget'] }))).toEqual([
        { value: null, count: 5, sums: { budget: 158 } },
      ]);
      expect(await ok(repo().group('lead', { by: 'stage', search: { text: '张' } }))).toEqual([
        { value: 'new', count: 3, sums: {} },
      ]);
      expect(
        await ok(
          repo().group('lead', { by: 'stage', filter: { '==': [{ var: 'stage' }, 'lost'] } }),
        ),
      ).toEqual([]);
    });

    it('answers grouping by an unknown field, summing a text and a broken filter as values', async () => {
      const unknown = await repo().group('lead', { by: 'nope' });
      expect(!unknown.ok && unknown.error).toMatchObject({ code: 'unknown_field', path: '/by' });
      const text = await repo().group('lead', { by: 'stage', sums: ['name'] });
      expect(!text.ok && text.error).toMatchObject({ code: 'unknown_field', path: '/sums/0' });
      const broken = await repo().group('lead', { filter: { nope: [1] } });
      expect(!broken.ok && broken.error.code).toBe('invalid_filter');
    });

    it('pages without duplicates or gaps for any sort, including equal and NULL sort values', async () => {
      for (let i = 0; i < 57; i++)
        await repo().insert(
          'lead',
          {
            name: `n${i}`,
            city: i % 5 === 0 ? null : String(i % 3),
            age: i % 4 === 0 ? null : i % 2,
            vip: i % 7 === 0,
          },
          { now: 1000 + (i % 4) },
        );
      const all = await ok(repo().list('lead', { limit: 1000 }));
      const allIds = all.records.map((r) => r.id).sort();
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('city', 'age', 'vip', 'createdAt', 'name', 'id', 'ownerId'),
          fc.constantFrom('asc' as const, 'desc' as const),
          fc.constantFrom('city', 'age', 'createdAt'),
          fc.constantFrom('asc' as const, 'desc' as const),
          fc.integer({ min: 1, max: 13 }),
          async (f1, d1, f2, d2, limit) => {
            const sort = [
              { field: f1, dir: d1 },
              { field: f2, dir: d2 },
            ];
            const paged = await pageThrough({ sort, limit });
            expect(new Set(paged).size).toBe(paged.length);
            expect([...paged].sort()).toEqual(allIds);
            const one = await ok(repo().list('lead', { sort, limit: 1000 }));
            expect(one.records.map((r) => r.id)).toEqual(paged);
          },
        ),
        { numRuns: 40 },
      );
    });

    it('answers unknown sort fields, foreign cursors and broken filters as values', async () => {
      for (let i = 0; i < 3; i++) await repo().insert('lead', { name: `n${i}` });
      expect(await repo().list('lead', { sort: [{ field: 'nope' }] })).toMatchObject({
        ok: false,
        error: { code: 'unknown_sort_field', path: '/sort/0/field' },
      });
      const page = await ok(repo().list('lead', { limit: 1 }));
      expect(page.nextCursor).not.toBeNull();
      expect(
        await repo().list('lead', { cursor: page.nextCursor, sort: [{ field: 'name' }] }),
      ).toMatchObject({ ok: false, error: { code: 'invalid_cursor' } });
      expect(await repo().list('lead', { cursor: 'garbage' })).toMatchObject({
        ok: false,
        error: { code: 'invalid_cursor' },
      });
      const bad = await repo().list('lead', { filter: { '==': [{ var: 'nope' }, 1] } });
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_filter', path: '/filter' } });
      expect(bad.ok ? null : bad.error.params?.errors).toMatchObject([{ path: '/==/0' }]);
      expect(await repo().list('nope')).toMatchObject({
        ok: false,
        error: { code: 'unknown_entity' },
      });
    });
  });

  // Searches read the records' pending text until the indexer has moved it into the index:
  // every search case runs in both states, and across the move.
  for (const indexed of [false, true]) {
    const catchUp = async () => {
      if (indexed) await ctx.store.transaction((tx) => tx.records(ctx.spec).indexSearch(1000));
    };
    const found = async (text: string, extra: RecordQuery = {}) =>
      names({ ...extra, search: { text, ...extra.search } });
    describe(`${factory.dialect}: records search (${indexed ? 'indexed' : 'not yet indexed'})`, () => {
      it('finds Chinese substrings of one or more characters and phone fragments', async () => {
        await repo().insert('lead', { name: '王小明', phone: '+8613800138000' }, { now: 1 });
        await repo().insert(
          'lead',
          { name: '李小红', phone: '+8613900001234', email: 'Li.Hong@Example.com' },
          { now: 2 },
        );
        await repo().insert('lead', { name: '赵明', phone: '+8613700009999' }, { now: 3 });
        await catchUp();
        expect(await found('小明')).toEqual(['王小明']);
        expect(await found('王小明')).toEqual(['王小明']);
        expect(await found('小')).toEqual(['李小红', '王小明']);
        expect(await found('明')).toEqual(['赵明', '王小明']);
        expect(await found('8000')).toEqual(['王小明']);
        expect(await found('1234')).toEqual(['李小红']);
        expect(await found('１３８００１３８０００')).toEqual(['王小明']);
        expect(await found('138 0013 8000')).toEqual(['王小明']);
        expect(await found('(139) 0000-1234')).toEqual(['李小红']);
        expect(await found('li.hong')).toEqual(['李小红']);
        expect(await found('LI')).toEqual(['李小红']);
        expect(await found('99')).toEqual(['赵明']);
        for (const nothing of ['"', '小"明', '%', '_']) expect(await found(nothing)).toEqual([]);
        // A blank search does not narrow the list.
        expect(await found('  ')).toHaveLength(3);
      });

      it('follows updates, combines with a filter, and leaves out hidden fields', async () => {
        const a = await ok(
          repo().insert('lead', { name: '王小明', city: '330106', phone: '+8613800138000' }),
        );
        await catchUp();
        await repo().update('lead', a.id, { name: '王大明' }, 1);
        expect(await found('小明')).toEqual([]);
        expect(await found('大明', { filter: { '==': [{ var: 'city' }, '330106'] } })).toEqual([
          '王大明',
        ]);
        expect(await found('大明', { filter: { '==': [{ var: 'city' }, '110101'] } })).toEqual([]);
        expect(await found('8000', { search: { text: '8000', hidden: ['phone'] } })).toEqual([]);
        expect(await found('大明', { search: { text: '大明', hidden: ['phone'] } })).toEqual([
          '王大明',
        ]);
        await catchUp();
        await repo().update('lead', a.id, { phone: null }, 2);
        await catchUp();
        expect(await found('8000')).toEqual([]);
        expect(await found('大明')).toEqual(['王大明']);
        const counted = await repo().list('lead', { search: { text: '大明' }, count: true });
        expect(counted.ok && counted.value.total).toBe(1);
      });
    });
  }

  describe(`${factory.dialect}: records search indexing, SLA and files`, () => {
    it('moves pending search text into the index a bounded number at a time', async () => {
      expect(await repo().searchBacklog()).toBe(false);
      for (const [i, name] of ['一号', '二号', '三号'].entries())
        await repo().insert('lead', { name }, { now: i });
      const index = (n: number) =>
        ctx.store.transaction((tx) => tx.records(ctx.spec).indexSearch(n));
      if (factory.searchWrittenBehind) {
        expect(await repo().searchBacklog()).toBe(true);
        expect(await index(2)).toBe(2);
        expect(await repo().searchBacklog()).toBe(true);
        expect(await index(2)).toBe(1);
      }
      // An adapter that indexes each record as it is written never has a backlog.
      expect(await repo().searchBacklog()).toBe(false);
      expect(await index(2)).toBe(0);
      expect(await names({ search: { text: '号' } })).toEqual(['三号', '二号', '一号']);
    });

    it('keeps nothing of a write that rolled back', async () => {
      await expect(
        ctx.store.transaction(async (tx) => {
          await tx.records(ctx.spec).insert('lead', { name: '回滚' });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await ctx.store.transaction((tx) => tx.records(ctx.spec).indexSearch(10))).toBe(0);
      expect(await names({ search: { text: '回滚' } })).toEqual([]);
    });

    it('lists live records whose SLA is due, in due order from a keyset position', async () => {
      const due = [500, 300, 300, 900, 200];
      const ids: string[] = [];
      for (const [i, at] of due.entries())
        ids.push(
          (
            await ok(
              repo().insert('lead', {
                name: `s${i}`,
                stage: i === 3 ? 'won' : 'new',
                slaDueAt: at,
              }),
            )
          ).id,
        );
      await repo().insert('lead', { name: 'none', stage: 'new' });
      const deleted = await ok(
        repo().insert('lead', { name: 'gone', stage: 'new', slaDueAt: 100 }),
      );
      await repo().softDelete('lead', deleted.id);
      const first = await repo().slaDue('lead', {
        stages: ['new'],
        after: { due: Number.MIN_SAFE_INTEGER, id: '' },
        until: 500,
        limit: 2,
      });
      const sorted300 = [ids[1]!, ids[2]!].sort();
      expect(first).toEqual([
        { id: ids[4], stage: 'new', due: 200 },
        { id: sorted300[0], stage: 'new', due: 300 },
      ]);
      const next = await repo().slaDue('lead', {
        stages: ['new', 'won'],
        after: { due: 300, id: sorted300[0]! },
        until: 1000,
        limit: 10,
      });
      expect(next.map((r) => r.due)).toEqual([300, 500, 900]);
    });

    it('finds records that hold a file in a file field', async () => {
      const f = { id: 'file-1', name: 'a.pdf', size: 1, mime: 'application/pdf' };
      const a = await ok(repo().insert('lead', { name: 'a', attachments: [f] }));
      await repo().insert('lead', { name: 'b', attachments: [{ ...f, id: 'file-2' }] });
      expect(await repo().referencingFile('lead', ['attachments'], 'file-1', 10)).toEqual([a.id]);
      expect(await repo().referencingFile('lead', ['attachments'], 'file-%', 10)).toEqual([]);
      expect(await repo().referencingFile('lead', ['nope'], 'file-1', 10)).toEqual([]);
    });
  });
}
