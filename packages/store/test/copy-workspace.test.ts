import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyWorkspace, openStore, type CopyProgress, type Store } from '../src/index';
import { migratedDatabase, releaseDatabase } from './pg-databases';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const spec = {
  specVersion: 1,
  name: L('测试', 'Test'),
  locales: ['zh-CN', 'en'],
  defaultLocale: 'zh-CN',
  entities: [
    {
      key: 'lead',
      label: L('线索', 'Lead'),
      titleField: 'name',
      identity: [['phone']],
      fields: [
        { key: 'name', type: 'text', label: L('姓名', 'Name'), required: true },
        { key: 'phone', type: 'phone', label: L('电话', 'Phone') },
        { key: 'vip', type: 'boolean', label: L('重要', 'VIP') },
        { key: 'budget', type: 'money', label: L('预算', 'Budget'), currency: 'CNY' },
        {
          key: 'tags',
          type: 'multiselect',
          label: L('标签', 'Tags'),
          options: [
            { value: 'hot', label: L('热', 'Hot') },
            { value: 'new', label: L('新', 'New') },
          ],
        },
      ],
    },
  ],
  teams: [{ key: 'tech', label: L('技术', 'Tech') }],
};

/** A SQLite workspace with records, history, outbox events and a user. */
async function fillSource(store: Store): Promise<void> {
  const published = await store.specs.publish({ spec, now: 1 });
  expect(published).toMatchObject({ ok: true });
  const live = (await store.specs.live())!.spec;
  const leads = store.records(live);
  for (let i = 0; i < 25; i++) {
    const r = await leads.insert('lead', {
      name: ['王小明', '李华', '张伟'][i % 3]! + i,
      phone: `+86138${String(i).padStart(8, '0')}`,
      vip: i % 2 === 0,
      budget: i * 100,
      tags: i % 3 === 0 ? ['hot', 'new'] : [],
    });
    expect(r.ok).toBe(true);
  }
  await store.history.append([
    {
      changeId: 'c1',
      entity: 'lead',
      recordId: 'x',
      field: 'tags',
      before: null,
      after: ['hot'],
      actorId: null,
      via: 'api',
      at: 5,
    },
  ]);
  for (const id of ['e1', 'e2', 'e3'])
    await store.outbox.append({
      id,
      type: 'record.created',
      entity: 'lead',
      recordId: 'x',
      payload: { nested: { b: 1, a: [1, 2] } },
      actorId: null,
      via: 'api',
      depth: 0,
      createdAt: 7,
    });
  // Rows with foreign keys (memberships, sessions, saved views): copied after what they refer to.
  await store.users.insert(
    { id: 'u1', login: 'amy', passwordHash: null, role: 'admin', teams: ['tech'] },
    9,
  );
  await store.sessions.insert({
    id: 's1',
    userId: 'u1',
    createdAt: 9,
    expiresAt: 99,
    lastSeenAt: 9,
    ip: null,
    userAgent: null,
  });
  await store.transaction((tx) =>
    tx.tables.insert('saved_views', [
      {
        id: 'v1',
        owner_id: 'u1',
        entity: 'lead',
        label: '我的 VIP',
        definition: '{"type":"table","filter":{"==":[{"var":"vip"},true]}}',
        created_at: 9,
        updated_at: 9,
      },
    ]),
  );
}

describe.runIf(process.env.TRELLIS_TEST_PG_URL)('copyWorkspace: SQLite to PostgreSQL', () => {
  let dir: string;
  let source: Store;
  let url: string;
  let target: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trellis-copy-'));
    source = await openStore({ url: join(dir, 'trellis.db'), locale: 'en' });
    await fillSource(source);
    url = (await migratedDatabase())!;
    target = await openStore({ url, locale: 'en' });
  });
  afterEach(async () => {
    await source.close();
    await target.close();
    await releaseDatabase(url);
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies every table with matching counts and checksums, and the copy works as a store', async () => {
    const seen: CopyProgress[] = [];
    const res = await copyWorkspace(source, target, { batch: 10, onProgress: (p) => seen.push(p) });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.value.skipped).toEqual([]);
    const byName = new Map(res.value.tables.map((t) => [t.table, t]));
    for (const name of [
      'e_lead',
      'record_history',
      'outbox',
      'users',
      'memberships',
      'sessions',
      'saved_views',
      'spec_versions',
    ])
      expect(byName.get(name)?.rows, name).toBe(await source.tables.count(name));
    expect(byName.get('e_lead')?.rows).toBe(25);
    expect(byName.get('memberships')?.rows).toBe(1);
    expect(seen).toContainEqual({ phase: 'copy', table: 'e_lead', done: 20, total: 25 });
    expect(seen).toContainEqual({ phase: 'verify', table: 'e_lead', done: 25, total: 25 });

    // The target is a working store: the live spec, typed values, search in its own index.
    const live = (await target.specs.live())!.spec;
    const leads = target.records(live);
    const page = await leads.list('lead', { search: { text: '小明' }, limit: 50 });
    expect(page.ok && page.value.records.map((r) => r.name).sort()).toEqual([
      '王小明0',
      '王小明12',
      '王小明15',
      '王小明18',
      '王小明21',
      '王小明24',
      '王小明3',
      '王小明6',
      '王小明9',
    ]);
    const first = (await source.records(live).list('lead', { limit: 1 }))!;
    const id = first.ok ? first.value.records[0]!.id : '';
    expect(await leads.get('lead', id)).toEqual(await source.records(live).get('lead', id));
    // Sequence numbers carry over and new events continue after them.
    expect(await target.outbox.lastSeq()).toBe(3);
    const next = await target.outbox.append({
      id: 'e4',
      type: 't',
      entity: null,
      recordId: null,
      payload: {},
      actorId: null,
      via: null,
      depth: 0,
      createdAt: 8,
    });
    expect(next).toBe(4);
    expect((await target.users.byLogin('amy'))?.id).toBe('u1');
  });

  it('refuses a target that holds data, writing nothing; --replace copies over it', async () => {
    expect((await copyWorkspace(source, target)).ok).toBe(true);
    await source.outbox.append({
      id: 'later',
      type: 't',
      entity: null,
      recordId: null,
      payload: {},
      actorId: null,
      via: null,
      depth: 0,
      createdAt: 9,
    });
    const refused = await copyWorkspace(source, target);
    expect(refused).toMatchObject({ ok: false, error: { code: 'target_not_empty' } });
    expect(!refused.ok && refused.error.message).toContain('outbox');
    expect(await target.tables.count('outbox')).toBe(3);
    const replaced = await copyWorkspace(source, target, { replace: true });
    expect(replaced.ok).toBe(true);
    expect(await target.tables.count('outbox')).toBe(4);
    expect(await target.tables.count('e_lead')).toBe(25);
  });

  it('rolls everything back when the copy differs from the source', async () => {
    // A target that loses the last row of every outbox batch stands for a copy that lost data.
    const lossy: Store = {
      ...target,
      transaction: (fn) =>
        target.transaction((tx) =>
          fn({
            ...tx,
            tables: {
              ...tx.tables,
              insert: (t, rows) => tx.tables.insert(t, t === 'outbox' ? rows.slice(0, -1) : rows),
            },
          }),
        ),
    };
    const res = await copyWorkspace(source, lossy);
    expect(res).toMatchObject({ ok: false, error: { code: 'copy_mismatch' } });
    expect(await target.tables.count('outbox')).toBe(0);
    expect(await target.tables.count('spec_versions')).toBe(0);
  });
});
