import { describe, expect, it } from 'vitest';
import { openDatabase, specVersions } from '@trellis/store';
import { leadApp } from '../../test/fixtures/lead-app';
import { createEngine, createManualClock } from '../index';

const actor = { kind: 'system' as const };

describe('engine without an explicit spec', () => {
  it('runs the live published version and follows a new publish', () => {
    const db = openDatabase(':memory:');
    const engine = createEngine({ db, clock: createManualClock(), locale: 'en' });
    expect(engine.records.create('lead', { name: 'x' }, { actor })).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });

    const versions = specVersions(db);
    expect(versions.publish({ spec: leadApp, locale: 'en' })).toMatchObject({
      ok: true,
      version: 1,
    });
    expect(engine.records.create('lead', { name: 'A', nickname: 'Ace' }, { actor })).toMatchObject({
      ok: false,
      error: { errors: [{ code: 'unknown_field' }] },
    });
    const model = engine.spec();

    const v2 = structuredClone(leadApp);
    v2.entities[0]!.fields.push({
      key: 'nickname',
      type: 'text',
      label: { 'zh-CN': '昵称', en: 'Nickname' },
    });
    expect(versions.publish({ spec: v2, locale: 'en' })).toMatchObject({ ok: true, version: 2 });
    const r = engine.records.create('lead', { name: 'B', nickname: 'Bee' }, { actor });
    expect(r.ok && r.record.nickname).toBe('Bee');
    expect(engine.spec().version).toBe(2);
    expect(engine.spec()).not.toBe(model);
    // the compiled model is kept for the version, not rebuilt per call
    expect(engine.spec()).toBe(engine.spec());
    db.close();
  });
});
