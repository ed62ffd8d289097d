import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '@trellis/store';
import { leadApp } from '../../test/fixtures/lead-app';
import { allowAllPermissions, createEngine } from '../index';

const dir = mkdtempSync(join(tmpdir(), 'trellis-engine-'));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('two engines on one database (two processes)', () => {
  it('lets exactly one of two edits from the same version win, with one event', async () => {
    const file = join(dir, 'crm.db');
    const storeA = await openStore({ url: file });
    await storeA.migrations.syncEntityTables(leadApp);
    const storeB = await openStore({ url: file });
    // About concurrency, not roles (the fixture has none).
    const permissions = allowAllPermissions;
    const a = createEngine({ store: storeA, spec: leadApp, locale: 'en', permissions });
    const b = createEngine({ store: storeB, spec: leadApp, locale: 'en', permissions });
    const actor = { kind: 'user' as const, userId: 'u-1' };
    const created = await a.records.create(
      'lead',
      { name: '刘洋', phone: '13800138000' },
      { actor },
    );
    if (!created.ok) throw new Error('setup');
    const seenByB = await b.records.get('lead', created.record.id, { actor });
    expect(seenByB.ok && seenByB.record.version).toBe(1);

    const first = await a.records.update(
      'lead',
      created.record.id,
      { notes: 'A' },
      { actor, version: 1 },
    );
    const second = await b.records.update(
      'lead',
      created.record.id,
      { notes: 'B' },
      { actor, version: 1 },
    );
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { currentVersion: 2 } },
    });
    // B's duplicate check sees A's committed record too.
    expect(
      await b.records.create('lead', { name: 'copy', phone: '+86 138 0013 8000' }, { actor }),
    ).toMatchObject({ ok: false, error: { code: 'duplicate' } });
    const types = (await storeB.tables.rows('outbox')).map((r) => r.type);
    expect(types).toEqual(['record.created', 'record.updated']);
    await storeA.close();
    await storeB.close();
  });
});
