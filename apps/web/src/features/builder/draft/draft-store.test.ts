import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppSpec } from '@trellis/spec';
import { createDraftStore, type DraftPort } from './draft-store';

const SPEC = {
  specVersion: 1,
  name: { 'zh-CN': '测试' },
  locales: ['zh-CN', 'en'],
  defaultLocale: 'zh-CN',
  entities: [{ key: 'lead', label: { 'zh-CN': '线索' }, titleField: 'name', fields: [] }],
} as unknown as AppSpec;

/** A fake server draft: a revision that rises, 409 when the client's revision is stale. */
function fakeServer() {
  const server = { revision: 0, spec: null as AppSpec | null, saves: 0, fail: false };
  const port: DraftPort = {
    async save(spec, revision) {
      await Promise.resolve();
      if (server.fail) throw Object.assign(new Error('down'), { status: 0 });
      if (revision !== server.revision) throw Object.assign(new Error('conflict'), { status: 409 });
      server.saves++;
      server.revision++;
      server.spec = spec;
      return { revision: server.revision, baseVersion: 1, problems: [] };
    },
  };
  return { server, port };
}

describe('the builder draft', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves once after a burst of edits, with the revision it holds', async () => {
    const { server, port } = fakeServer();
    const store = createDraftStore({ spec: SPEC, revision: 0, baseVersion: 1 }, port);
    store.edit('rename', (s) => void (s.entities[0]!.label = { 'zh-CN': '线' }));
    store.edit('rename', (s) => void (s.entities[0]!.label = { 'zh-CN': '线索A' }));
    expect(store.getSnapshot().save).toBe('pending');
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.saves).toBe(1);
    expect(server.spec?.entities[0]!.label).toEqual({ 'zh-CN': '线索A' });
    expect(store.getSnapshot()).toMatchObject({ save: 'saved', revision: 1 });
  });

  it('undoes and redoes whole steps, typing in one field being one step', async () => {
    const { port } = fakeServer();
    let clock = 0;
    const store = createDraftStore({ spec: SPEC, revision: 0, baseVersion: 1 }, port, {
      now: () => clock,
    });
    const label = (s: AppSpec) => (s.entities[0]!.label as Record<string, string>)['zh-CN'];
    for (const text of ['学', '学员']) {
      clock += 100;
      store.edit('label', (s) => void (s.entities[0]!.label = { 'zh-CN': text }), {
        coalesce: 'lead.label',
      });
    }
    clock += 5000;
    store.edit('key', (s) => void (s.entities[0]!.titleField = 'phone'));
    expect(store.getSnapshot().undoLabel).toBe('key');
    store.undo();
    expect(store.getSnapshot().spec.entities[0]!.titleField).toBe('name');
    expect(label(store.getSnapshot().spec)).toBe('学员');
    store.undo();
    expect(store.getSnapshot().spec).toBe(SPEC);
    expect(store.getSnapshot().undoLabel).toBeNull();
    store.redo();
    store.redo();
    expect(store.getSnapshot().spec.entities[0]!.titleField).toBe('phone');
    expect(store.getSnapshot().redoLabel).toBeNull();
    // A new edit after undo drops the redo branch.
    store.undo();
    store.edit('other', (s) => void (s.defaultLocale = 'en'));
    expect(store.getSnapshot().redoLabel).toBeNull();
    // An edit that changes nothing is no step.
    store.edit('noop', (s) => void (s.defaultLocale = 'en'));
    expect(store.getSnapshot().undoLabel).toBe('other');
  });

  it("stops at a conflict instead of overwriting another builder's save, then overwrites knowingly", async () => {
    const { server, port } = fakeServer();
    const store = createDraftStore({ spec: SPEC, revision: 0, baseVersion: 1 }, port);
    server.revision = 7; // someone else saved meanwhile
    store.edit('mine', (s) => void (s.defaultLocale = 'en'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.getSnapshot().save).toBe('conflict');
    expect(server.saves).toBe(0);
    // Further edits wait too: nothing is written while the conflict stands.
    store.edit('more', (s) => void (s.locales = ['en']));
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.saves).toBe(0);
    expect(store.getSnapshot().save).toBe('conflict');
    expect(await store.overwrite(7)).toBe(true);
    expect(server.saves).toBe(1);
    expect(server.spec?.locales).toEqual(['en']);
  });

  it('loads the other builder draft after a conflict and starts a fresh history', async () => {
    const { server, port } = fakeServer();
    const store = createDraftStore({ spec: SPEC, revision: 0, baseVersion: 1 }, port);
    server.revision = 3;
    store.edit('mine', (s) => void (s.defaultLocale = 'en'));
    await vi.advanceTimersByTimeAsync(1000);
    const theirs = { ...SPEC, locales: ['zh-CN'] } as AppSpec;
    store.load(theirs, 3, 1);
    expect(store.getSnapshot()).toMatchObject({ spec: theirs, save: 'saved', undoLabel: null });
    store.edit('next', (s) => void (s.defaultLocale = 'en'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.saves).toBe(1);
  });

  it('retries a failed save and flushes before publishing', async () => {
    const { server, port } = fakeServer();
    const store = createDraftStore({ spec: SPEC, revision: 0, baseVersion: 1 }, port);
    server.fail = true;
    store.edit('a', (s) => void (s.defaultLocale = 'en'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.getSnapshot().save).toBe('error');
    server.fail = false;
    await vi.advanceTimersByTimeAsync(5000);
    expect(store.getSnapshot().save).toBe('saved');
    store.edit('b', (s) => void (s.locales = ['en']));
    expect(await store.flush()).toBe(true);
    expect(server.spec?.locales).toEqual(['en']);
    expect(server.saves).toBe(2);
  });
  it('after a publish, the next edit starts a new draft instead of meeting a conflict', async () => {
    const { server, port } = fakeServer();
    const store = createDraftStore({ spec: SPEC, revision: 0, baseVersion: 1 }, port);
    store.edit('a', (s) => void (s.defaultLocale = 'en'));
    expect(await store.flush()).toBe(true);
    // The server publishes the draft and clears it, as POST /spec/publish does.
    server.revision = 0;
    store.published(2);
    store.edit('b', (s) => void (s.locales = ['en']));
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.getSnapshot()).toMatchObject({ save: 'saved', revision: 1 });
    expect(server.spec?.locales).toEqual(['en']);
  });

  it("keeps a save's problems when the builder's opening check answers after it", async () => {
    const problem = { path: '/forms/0', code: 'unknown_field', message: '表单放置了已删除的字段' };
    const store = createDraftStore(
      { spec: SPEC, revision: 0, baseVersion: 1 },
      {
        save: async () => ({ revision: 1, baseVersion: 1, problems: [problem] }),
      },
    );
    store.edit('remove', (s) => void (s.entities[0]!.titleField = 'gone'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.getSnapshot().problems).toEqual([problem]);
    // The check of the spec the builder opened with, sent before the save, comes back after it.
    store.checked(SPEC, []);
    expect(store.getSnapshot().problems).toEqual([problem]);
    expect(store.getSnapshot().checked).not.toBe(SPEC);
  });

  it('shows the opening check when it answers before any save', () => {
    const problem = { path: '/entities/0', code: 'x', message: 'x' };
    const store = createDraftStore({ spec: SPEC, revision: 0, baseVersion: 1 }, fakeServer().port);
    store.checked(SPEC, [problem]);
    expect(store.getSnapshot()).toMatchObject({ problems: [problem], checked: SPEC });
  });
});
