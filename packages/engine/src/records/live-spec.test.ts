import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, specVersions } from '@trellis/store';
import { LIVE_RECHECK_MS } from './runtime';
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

  it('sees a publish by another connection within the recheck interval, without asking per call', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-live-'));
    try {
      const file = join(dir, 'trellis.db');
      const db = openDatabase(file);
      const other = openDatabase(file);
      expect(specVersions(db).publish({ spec: leadApp, locale: 'en' })).toMatchObject({
        ok: true,
        version: 1,
      });
      const engine = createEngine({ db, clock: createManualClock(), locale: 'en' });
      expect(engine.spec().version).toBe(1);
      expect(engine.spec().entity('lead')?.fields.has('nickname')).toBe(false);

      // Another connection (another thread or process) publishes: no signal reaches this one,
      // so the runtime finds it when its recheck interval has passed.
      const v2 = structuredClone(leadApp);
      v2.entities[0]!.fields.push({
        key: 'nickname',
        type: 'text',
        label: { 'zh-CN': '昵称', en: 'Nickname' },
      });
      const row = other.sqlite
        .prepare('SELECT spec FROM spec_versions WHERE version = 1')
        .get() as { spec: string };
      other.sqlite
        .prepare('INSERT INTO spec_versions (version, spec, published_at) VALUES (2, ?, ?)')
        .run(
          row.spec.replace(
            '"fields":[',
            `"fields":[${JSON.stringify(v2.entities[0]!.fields.at(-1))},`,
          ),
          Date.now(),
        );
      await new Promise((r) => setTimeout(r, LIVE_RECHECK_MS + 5));
      expect(engine.spec().version).toBe(2);
      expect(engine.spec().entity('lead')?.fields.has('nickname')).toBe(true);
      other.close();
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
