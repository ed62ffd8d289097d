import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppSpec } from '@trellis/spec';
import { createDraftStore } from '../draft/draft-store';
import type { ServerDraft } from '../draft/api';
import { followRestore } from './follow-restore';

const server = vi.hoisted(() => ({
  draft: null as ServerDraft | null,
  live: { version: 0, spec: null as AppSpec | null },
  discarded: [] as number[],
}));
vi.mock('../draft/api', () => ({
  fetchDraft: () => Promise.resolve(server.draft),
  fetchLive: () => Promise.resolve(server.live),
  discardDraft: (revision: number) => {
    server.discarded.push(revision);
    server.draft = null;
    return Promise.resolve();
  },
}));

const spec = (label: string) =>
  ({
    specVersion: 1,
    name: { 'zh-CN': '测试' },
    locales: ['zh-CN', 'en'],
    defaultLocale: 'zh-CN',
    entities: [{ key: 'lead', label: { 'zh-CN': label }, titleField: 'name', fields: [] }],
  }) as unknown as AppSpec;

// v2 was live (线索B); restoring v1 (线索A) published v3 with v1's spec.
const V2 = spec('线索B');
const RESTORED = spec('线索A');
const noSave = { save: () => Promise.reject(new Error('no save expected')) };

describe('the draft after a restore', () => {
  beforeEach(() => {
    server.draft = null;
    server.live = { version: 3, spec: RESTORED };
    server.discarded = [];
  });

  it('takes the restored spec when the builder had only the live spec open', async () => {
    const store = createDraftStore({ spec: V2, revision: 0, baseVersion: 2 }, noSave);
    expect(await followRestore(store, V2, 'zh-CN')).toBe(true);
    expect(store.getSnapshot()).toMatchObject({ spec: RESTORED, revision: 0, baseVersion: 3 });
  });

  it('drops a saved draft that changes nothing, and takes the restored spec', async () => {
    server.draft = { spec: V2, baseVersion: 2, updatedAt: 5, updatedBy: null, revision: 5 };
    const store = createDraftStore({ spec: V2, revision: 5, baseVersion: 2 }, noSave);
    expect(await followRestore(store, V2, 'zh-CN')).toBe(true);
    expect(server.discarded).toEqual([5]);
    expect(store.getSnapshot().spec).toEqual(RESTORED);
  });

  it('keeps a draft with unpublished changes (the newer-version banner offers to restart)', async () => {
    const mine = spec('我的线索');
    server.draft = { spec: mine, baseVersion: 2, updatedAt: 5, updatedBy: null, revision: 5 };
    const store = createDraftStore({ spec: mine, revision: 5, baseVersion: 2 }, noSave);
    expect(await followRestore(store, V2, 'zh-CN')).toBe(false);
    expect(server.discarded).toEqual([]);
    expect(store.getSnapshot()).toMatchObject({ spec: mine, baseVersion: 2 });
  });

  it('saves edits not yet on the server and keeps them', async () => {
    const saved: AppSpec[] = [];
    const store = createDraftStore(
      { spec: V2, revision: 0, baseVersion: 2 },
      {
        save(s) {
          saved.push(s);
          server.draft = { spec: s, baseVersion: 2, updatedAt: 1, updatedBy: null, revision: 1 };
          return Promise.resolve({ revision: 1, baseVersion: 2, problems: [] });
        },
      },
    );
    store.edit('rename', (s) => void (s.entities[0]!.label = { 'zh-CN': '新名字' }));
    expect(await followRestore(store, V2, 'zh-CN')).toBe(false);
    expect(saved).toHaveLength(1);
    expect(store.getSnapshot().spec.entities[0]!.label).toEqual({ 'zh-CN': '新名字' });
    store.dispose();
  });
});
