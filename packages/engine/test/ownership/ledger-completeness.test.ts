import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '@trellis/store';
import {
  admin,
  createLead,
  intake,
  setupAutomations,
  specWith,
  type Harness,
} from '../automations/support/harness';

let h: Harness;
afterEach(() => h?.store.close());

const label = { 'zh-CN': '测试', en: 'Test' };
const when = (key: string, level: string, action: Record<string, unknown>) => ({
  key,
  label,
  on: { type: 'field.changed', entity: 'lead', field: 'intentLevel' },
  if: { '==': [{ var: 'intentLevel' }, level] },
  do: [action],
});

/**
 * The ledger agrees with the records: the latest change of every record names its current owner
 * and team, and a record that never had a holder has no change. A path that writes an owner
 * without `writeOwnerChange` breaks this.
 */
async function expectLedgerAgrees(store: Store, ids: string[]): Promise<void> {
  const latest = new Map(
    (await store.ownership.latest('lead', ids)).map((c) => [c.recordId, c] as const),
  );
  const rows = await store.tables.rows('e_lead');
  for (const id of ids) {
    const row = rows.find((r) => r.id === id);
    const change = latest.get(id);
    const holder = { ownerId: row?.owner_id ?? null, teamId: row?.team_id ?? null };
    if (holder.ownerId === null && holder.teamId === null && !change) continue;
    expect({ id, ownerId: change?.toUserId, teamId: change?.toTeamId }).toEqual({ id, ...holder });
  }
}

describe('the ownership ledger', () => {
  it('records every owner change of every engine path, with its kind, and agrees with the records', async () => {
    h = await setupAutomations({
      spec: specWith([
        {
          key: 'route',
          label,
          on: { type: 'record.created', entity: 'lead' },
          if: { '==': [{ var: 'source' }, 'website'] },
          do: [{ type: 'assign', strategy: 'roundRobin', team: 'tech', roles: ['sales'] }],
        },
        when('release', 'c', {
          type: 'releaseToPool',
          reason: { 'zh-CN': '无意向', en: 'No interest' },
        }),
        when('claim', 'b', { type: 'claimFromPool', user: 'li.na' }),
      ]),
    });
    const mine = await createLead(h, { source: 'referral' }, admin);
    const routed = await createLead(h, { source: 'website' }, intake);
    const pooled = await createLead(h, { source: 'referral' }, intake);
    await h.automations.drain();

    // A person moves a record to someone else, then changes only its team.
    const moved = await h.engine.records.update('lead', mine.id, { ownerId: 'u-zhang.wei' }, admin);
    expect(moved.ok).toBe(true);
    expect((await h.engine.records.update('lead', mine.id, { teamId: 'tech' }, admin)).ok).toBe(
      true,
    );
    // Automations release one record and claim another.
    await h.engine.records.update('lead', routed.id, { intentLevel: 'c' }, admin);
    await h.engine.records.update('lead', pooled.id, { intentLevel: 'b' }, admin);
    await h.automations.drain();

    const kinds = async (id: string) =>
      (await h.store.ownership.listFor('lead', id)).map((c) => [c.kind, c.fromUserId, c.toUserId]);
    expect(await kinds(mine.id)).toEqual([
      ['create', null, 'u-chen.li'],
      ['transfer', 'u-chen.li', 'u-zhang.wei'],
      ['transfer', 'u-zhang.wei', 'u-zhang.wei'],
    ]);
    const routedLog = await kinds(routed.id);
    expect(routedLog.map((k) => k[0])).toEqual(['assign', 'release']);
    expect(routedLog[1]?.[2]).toBeNull();
    expect(await kinds(pooled.id)).toEqual([['claim', null, 'u-li.na']]);
    const release = (await h.store.ownership.listFor('lead', routed.id))[1];
    expect(release).toMatchObject({ via: 'automation', reason: 'No interest', toTeamId: null });
    const change = (await h.store.ownership.listFor('lead', mine.id))[1];
    expect(change).toMatchObject({ actorId: 'u-chen.li', via: 'ui', at: h.clock.now() });

    await expectLedgerAgrees(h.store, [mine.id, routed.id, pooled.id]);
  });

  it('writes nothing when the owner does not change, and nothing when the write is refused', async () => {
    h = await setupAutomations({ spec: specWith([]) });
    const lead = await createLead(h, { source: 'referral' }, admin);
    await h.engine.records.update('lead', lead.id, { name: '李雷' }, admin);
    await h.engine.records.update('lead', lead.id, { ownerId: 'u-chen.li' }, admin);
    // A disabled user cannot own records: refused, nothing half-written.
    const refused = await h.engine.records.update(
      'lead',
      lead.id,
      { ownerId: 'u-feng.kai' },
      admin,
    );
    expect(refused.ok).toBe(false);
    expect((await h.store.ownership.listFor('lead', lead.id)).map((c) => c.kind)).toEqual([
      'create',
    ]);
    await expectLedgerAgrees(h.store, [lead.id]);
  });
});

// Store writes of records outside the engine's write path would change owners behind the ledger.
// Each file below was read: it calls writeOwnerChange, or its writes never touch ownerId/teamId.
const RECORD_WRITERS = new Set([
  // A single create hands its first holder's ledgerRow to the store with the row (records.create).
  'packages/engine/src/records/create.ts',
  // Bulk create (imports): writeOwnerChanges, the same rows appended together.
  'packages/engine/src/records/create-many.ts',
  'packages/engine/src/records/update.ts',
  // Intake merge fills empty fields of the record's own fields only (never ownerId/teamId).
  'packages/engine/src/records/merge.ts',
  // Writes lastActivityAt/slaDueAt only.
  'packages/engine/src/activities/log-activity.ts',
  // The demo seed's batches: writeOwnerChanges for the owners its profile hands out.
  'apps/server/src/seed/batch.ts',
]);

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name === 'test') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.tsx?$/.test(name) && !/\.test(-helper)?\.tsx?$|test-helper/.test(name))
      out.push(path);
  }
  return out;
}

describe('no path changes an owner behind the ledger', () => {
  it('only the known record writers call the store’s record insert/create/update', () => {
    const writes = /records\([^)]*\)\s*\.\s*(insert|insertMany|create|update)\s*\(/;
    const found = ['packages/engine/src', 'apps/server/src', 'apps/cli/src']
      .flatMap((d) => sources(join(root, d)))
      .filter((f) => writes.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(found.sort()).toEqual([...RECORD_WRITERS].sort());
  });

  it('the writers that may change an owner call writeOwnerChange', () => {
    const update = 'packages/engine/src/records/update.ts';
    expect(readFileSync(join(root, update), 'utf8'), update).toContain('writeOwnerChange(');
    // The ledger row writeOwnerChange would append, given to the store's create with the row.
    const create = 'packages/engine/src/records/create.ts';
    expect(readFileSync(join(root, create), 'utf8'), create).toContain('ledgerRow(');
    for (const bulk of [
      'packages/engine/src/records/create-many.ts',
      'apps/server/src/seed/batch.ts',
    ])
      expect(readFileSync(join(root, bulk), 'utf8'), bulk).toContain('writeOwnerChanges(');
  });
});
