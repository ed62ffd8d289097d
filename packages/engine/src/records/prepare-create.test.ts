import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@trellis/store';
import { leadApp } from '../../test/fixtures/lead-app';
import { createEngine, createManualClock } from '../index';

const publicActor = {
  actor: { kind: 'public' as const },
  via: 'intake' as const,
  locale: 'en' as const,
};

const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function published(spec = leadApp) {
  const store = await openStore({ url: ':memory:' });
  stores.push(store);
  expect(await store.specs.publish({ spec, locale: 'en' })).toMatchObject({
    ok: true,
    version: 1,
  });
  return createEngine({ store, clock: createManualClock(), locale: 'en' });
}

describe('records.prepareCreate', () => {
  it('prepares what create would store, and create uses it when it fits', async () => {
    const engine = await published();
    const ahead = await engine.records.prepareCreate(
      'lead',
      { name: '  Ada ', phone: '138 0013 8000' },
      publicActor,
    );
    expect(ahead).toMatchObject({
      ok: true,
      prepared: { entity: 'lead', specVersion: 1, locale: 'en', errors: [] },
    });
    if (!ahead.ok || !ahead.prepared) throw new Error('not prepared');
    expect(ahead.prepared.next).toMatchObject({ name: 'Ada', phone: '+8613800138000' });
    // Plain data: it can cross to another thread.
    const copy = structuredClone(ahead.prepared);
    // Proof that the prepared values are what gets written (the raw values are not looked at again).
    copy.next.name = 'Ada (prepared)';
    const r = await engine.records.create(
      'lead',
      { name: '  Ada ', phone: '138 0013 8000' },
      { ...publicActor, prepared: copy },
    );
    expect(r.ok && r.record.id).toBeTruthy();
    const [stored] = await engine.store.tables.rows('e_lead');
    expect(stored).toMatchObject({ name: 'Ada (prepared)', phone: '+8613800138000' });
  });

  it('fills field defaults: a text one as is, a list one as a copy the record does not share with the spec', async () => {
    const tagsDefault = ['hot'];
    const spec = structuredClone(leadApp);
    const fields = spec.entities[0]!.fields as { key: string; default?: unknown }[];
    fields.find((f) => f.key === 'source')!.default = 'website';
    fields.find((f) => f.key === 'tags')!.default = tagsDefault;
    const engine = await published(spec);
    const live = (await engine.spec()).entity('lead')!.entity.fields as {
      key: string;
      default?: unknown;
    }[];
    const specTags = live.find((f) => f.key === 'tags')!.default as string[];
    const first = await engine.records.prepareCreate('lead', { name: 'Di' }, publicActor);
    if (!first.ok || !first.prepared) throw new Error('not prepared');
    expect(first.prepared.next).toMatchObject({ source: 'website', tags: ['hot'] });
    expect(first.prepared.next.tags).not.toBe(specTags);
    // A change to one record's list reaches neither the spec nor the next record.
    (first.prepared.next.tags as string[]).push('adult');
    const second = await engine.records.prepareCreate('lead', { name: 'Ed' }, publicActor);
    expect(second.ok && second.prepared?.next).toMatchObject({ source: 'website', tags: ['hot'] });
    expect(specTags).toEqual(['hot']);
  });

  it('prepares again when the spec version, the actor or the locale differ, and reports errors like create', async () => {
    const engine = await published();
    const ahead = await engine.records.prepareCreate(
      'lead',
      { name: 'Bo', phone: '138 0013 8001' },
      publicActor,
    );
    if (!ahead.ok || !ahead.prepared) throw new Error('not prepared');
    const stale = [
      { ...ahead.prepared, specVersion: 0 },
      { ...ahead.prepared, actor: 'user\u0000u1\u0000admin' },
      { ...ahead.prepared, locale: 'zh-CN' },
    ].map((p) => ({ ...p, next: { ...p.next, name: 'tampered' } }));
    for (const prepared of stale) {
      const r = await engine.records.create(
        'lead',
        { name: 'Bo', phone: '138 0013 8001' },
        { ...publicActor, mode: 'create', prepared },
      );
      expect(r.ok && r.record.id).toBeTruthy();
    }
    const rows = await engine.store.tables.rows('e_lead');
    expect(rows.filter((r) => r.name === 'tampered')).toEqual([]);
    expect(rows).toHaveLength(3);

    const bad = await engine.records.prepareCreate(
      'lead',
      { name: 'Cy', phone: '12' },
      publicActor,
    );
    expect(bad.ok && bad.prepared?.errors).toContainEqual(
      expect.objectContaining({ path: '/phone', code: 'invalid_phone' }),
    );
    if (!bad.ok || !bad.prepared) throw new Error('not prepared');
    const refused = await engine.records.create(
      'lead',
      { name: 'Cy', phone: '12' },
      { ...publicActor, prepared: bad.prepared },
    );
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'validation', errors: [expect.objectContaining({ path: '/phone' })] },
    });
    expect(await engine.records.prepareCreate('nope', {}, publicActor)).toMatchObject({
      ok: false,
      error: { code: 'unknown_entity' },
    });
  });
});
