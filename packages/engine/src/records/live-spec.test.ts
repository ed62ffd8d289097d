import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '@trellis/store';
import { leadApp } from '../../test/fixtures/lead-app';
import { createEngine, createManualClock } from '../index';

const actor = { kind: 'system' as const };

describe('engine without an explicit spec', () => {
  it('runs the live published version and follows a new publish', async () => {
    const store = await openStore({ url: ':memory:' });
    const engine = createEngine({ store, clock: createManualClock(), locale: 'en' });
    expect(await engine.records.create('lead', { name: 'x' }, { actor })).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });

    const versions = store.specs;
    expect(await versions.publish({ spec: leadApp, locale: 'en' })).toMatchObject({
      ok: true,
      version: 1,
    });
    expect(
      await engine.records.create('lead', { name: 'A', nickname: 'Ace' }, { actor }),
    ).toMatchObject({
      ok: false,
      error: { errors: [{ code: 'unknown_field' }] },
    });
    const model = await engine.spec();

    const v2 = structuredClone(leadApp);
    v2.entities[0]!.fields.push({
      key: 'nickname',
      type: 'text',
      label: { 'zh-CN': '昵称', en: 'Nickname' },
    });
    expect(await versions.publish({ spec: v2, locale: 'en' })).toMatchObject({
      ok: true,
      version: 2,
    });
    const r = await engine.records.create('lead', { name: 'B', nickname: 'Bee' }, { actor });
    expect(r.ok && r.record.nickname).toBe('Bee');
    expect((await engine.spec()).version).toBe(2);
    expect(await engine.spec()).not.toBe(model);
    // the compiled model is kept for the version, not rebuilt per call
    expect(await engine.spec()).toBe(await engine.spec());
    await store.close();
  });

  it('sees a publish by another store (another process) within the recheck interval', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-live-'));
    try {
      const file = join(dir, 'trellis.db');
      const store = await openStore({ url: file });
      const other = await openStore({ url: file });
      expect(await store.specs.publish({ spec: leadApp, locale: 'en' })).toMatchObject({
        ok: true,
        version: 1,
      });
      // A long interval, so the other store's publish surely lands inside it.
      const recheck = 1500;
      const engine = createEngine({
        store,
        clock: createManualClock(),
        locale: 'en',
        liveRecheckMs: recheck,
      });
      expect((await engine.spec()).version).toBe(1);
      expect((await engine.spec()).entity('lead')?.fields.has('nickname')).toBe(false);

      // Another store (another thread or process) publishes: no signal reaches this one,
      // so the runtime finds it when its recheck interval has passed.
      const v2 = structuredClone(leadApp);
      v2.entities[0]!.fields.push({
        key: 'nickname',
        type: 'text',
        label: { 'zh-CN': '昵称', en: 'Nickname' },
      });
      expect(await other.specs.publish({ spec: v2, locale: 'en' })).toMatchObject({ version: 2 });
      expect((await engine.spec()).version).toBe(1);
      await new Promise((r) => setTimeout(r, recheck + 5));
      expect((await engine.spec()).version).toBe(2);
      expect((await engine.spec()).entity('lead')?.fields.has('nickname')).toBe(true);
      await other.close();
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
