import { openStore } from '@trellis/store';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPermissions } from './create-permissions';
import { inScope, scopeCondition } from './scope';
import { fixtureSpec } from './fixture.test-helper';
import type { PermissionActor, Scope } from './types';
import { SCOPES } from './types';

const perms = createPermissions(fixtureSpec);
const sales: PermissionActor = { kind: 'user', userId: 'u1', role: 'sales', teams: ['tech'] };
const manager: PermissionActor = { kind: 'user', userId: 'm1', role: 'manager', teams: ['tech'] };
const own = { ownerId: 'u1', teamId: 'tech' };
const pool = { ownerId: null, teamId: null };
const sameTeam = { ownerId: 'u2', teamId: 'tech' };
const otherTeam = { ownerId: 'u3', teamId: 'art' };

describe('can', () => {
  it('limits a sales rep to own records and the pool for reading', () => {
    expect(perms.can(sales, 'read', 'lead', own)).toBe(true);
    expect(perms.can(sales, 'read', 'lead', pool)).toBe(true);
    expect(perms.can(sales, 'read', 'lead', sameTeam)).toBe(false);
    expect(perms.can(sales, 'read', 'lead', otherTeam)).toBe(false);
  });

  it('lets a sales rep update only own records and never delete', () => {
    expect(perms.can(sales, 'update', 'lead', own)).toBe(true);
    expect(perms.can(sales, 'update', 'lead', pool)).toBe(false);
    expect(perms.can(sales, 'delete', 'lead', own)).toBe(false);
    expect(perms.can(sales, 'delete', 'lead')).toBe(false);
  });

  it('gives a manager the team and the pool but not other teams', () => {
    expect(perms.can(manager, 'read', 'lead', sameTeam)).toBe(true);
    expect(perms.can(manager, 'read', 'lead', pool)).toBe(true);
    expect(perms.can(manager, 'read', 'lead', otherTeam)).toBe(false);
    expect(perms.can(manager, 'update', 'lead', pool)).toBe(false);
    expect(perms.can(manager, 'delete', 'lead', sameTeam)).toBe(true);
  });

  it('uses createdBy as the holder of records of entities without owners', () => {
    expect(perms.can(manager, 'update', 'course', { createdBy: 'm1' })).toBe(true);
    expect(perms.can(manager, 'update', 'course', { createdBy: 'x' })).toBe(false);
    expect(perms.can(sales, 'create', 'course')).toBe(false);
  });

  it('scopes an entity whose `owned` is unset by its owner, as the spec’s default', () => {
    // Dealt to the rep by an automation: created by nobody, owned by the rep.
    const dealt = { ownerId: 'u1', teamId: 'tech', createdBy: null };
    expect(perms.can(sales, 'read', 'enrollment', dealt)).toBe(true);
    expect(perms.can(sales, 'update', 'enrollment', dealt)).toBe(true);
    expect(perms.can(sales, 'read', 'enrollment', { ownerId: 'u2', createdBy: 'u1' })).toBe(false);
    expect(scopeCondition('own', sales, fixtureSpec.entities[2]!)).toEqual({
      kind: 'where',
      logic: { '==': [{ var: 'ownerId' }, 'u1'] },
    });
  });

  it('refuses unknown roles, unknown entities and actors without a role', () => {
    expect(perms.can({ kind: 'user', userId: 'u', role: 'ghost' }, 'read', 'lead', own)).toBe(
      false,
    );
    expect(perms.can({ kind: 'user', userId: 'u' }, 'read', 'lead', own)).toBe(false);
    expect(perms.can(manager, 'read', 'nothing')).toBe(false);
  });

  it('treats admin, system and automation actors as holding every right', () => {
    for (const actor of [
      { kind: 'user', userId: 'a', role: 'admin' },
      { kind: 'system' },
      { kind: 'automation' },
    ] as PermissionActor[]) {
      expect(perms.can(actor, 'delete', 'lead', otherTeam)).toBe(true);
      expect(perms.hasCapability(actor, 'build')).toBe(true);
    }
  });

  it('lets a public actor create but never read', () => {
    const pub: PermissionActor = { kind: 'public' };
    expect(perms.can(pub, 'create', 'lead')).toBe(true);
    expect(perms.can(pub, 'read', 'lead', pool)).toBe(false);
    expect(perms.visibleFields(pub, 'lead')).toEqual([]);
  });

  it('gives an API token the rights of its role', () => {
    const token: PermissionActor = { kind: 'token', role: 'manager', teams: ['tech'] };
    expect(perms.can(token, 'read', 'lead', sameTeam)).toBe(true);
    expect(perms.can(token, 'read', 'lead', otherTeam)).toBe(false);
  });
});

describe('fields', () => {
  it('hides and protects fields per role', () => {
    expect(perms.visibleFields(sales, 'lead')).toEqual([
      'name',
      'phone',
      'budget',
      'score',
      'importedAt',
    ]);
    expect(perms.writableFields(sales, 'lead')).toEqual(['name', 'phone']);
    expect(perms.writableFields(manager, 'lead')).toEqual(['name', 'phone', 'budget', 'idNumber']);
    expect(perms.isFieldVisible(sales, 'lead', 'idNumber')).toBe(false);
    expect(perms.isFieldVisible(manager, 'lead', 'idNumber')).toBe(true);
  });

  it('hides a formula computed from a field hidden from the role, and only from that role', () => {
    const spec = {
      ...fixtureSpec,
      entities: [
        {
          key: 'lead',
          owned: true,
          fields: [
            ...fixtureSpec.entities[0]!.fields,
            { key: 'idTail', type: 'formula', expression: { substr: [{ var: 'idNumber' }, -4] } },
            { key: 'tailTwice', type: 'formula', expression: { cat: [{ var: 'idTail' }] } },
          ],
        },
      ],
    };
    const p = createPermissions(spec);
    expect(p.hiddenFields(sales, 'lead')).toEqual(['idNumber', 'idTail', 'tailTwice']);
    expect(p.hiddenFields(manager, 'lead')).toEqual([]);
  });

  it('redacts hidden fields and keeps system fields', () => {
    const record = {
      id: 'r1',
      ownerId: 'u1',
      name: 'A',
      idNumber: '330106199001011234',
      budget: 100,
    };
    expect(perms.redact(sales, 'lead', record)).toEqual({
      id: 'r1',
      ownerId: 'u1',
      name: 'A',
      budget: 100,
    });
    expect(perms.redact(manager, 'lead', record)).toEqual(record);
  });

  it('sorts refused fields of a write into hidden and read-only', () => {
    expect(
      perms.refusedFields(sales, 'lead', {
        name: 'x',
        budget: 1,
        idNumber: '1',
        score: 2,
        bogus: 1,
      }),
    ).toEqual({
      hidden: ['idNumber'],
      readonly: ['budget', 'score'],
    });
  });

  it('grants capabilities by role', () => {
    expect(perms.hasCapability(sales, 'export')).toBe(true);
    expect(perms.hasCapability(sales, 'reassign')).toBe(false);
    expect(perms.hasCapability({ kind: 'public' }, 'export')).toBe(false);
  });
});

describe('scopeFilter', () => {
  it('answers all/none without a condition for the extreme scopes', () => {
    expect(perms.scopeFilter(sales, 'lead', 'delete')).toEqual({ kind: 'none' });
    expect(perms.scopeFilter(sales, 'course')).toEqual({ kind: 'all' });
  });

  it('builds the own+pool condition', () => {
    expect(perms.scopeFilter(sales, 'lead')).toEqual({
      kind: 'where',
      logic: { or: [{ '==': [{ var: 'ownerId' }, 'u1'] }, { '==': [{ var: 'ownerId' }, null] }] },
    });
  });

  it('selects through the store exactly the records inScope accepts', async () => {
    // The scope is JSONLogic the store compiles to SQL: the query must agree with the check.
    const store = await openStore({ url: ':memory:', locale: 'en' });
    const spec = {
      entities: [{ key: 'lead', titleField: 'batch', fields: [{ key: 'batch', type: 'number' }] }],
    };
    await store.migrations.syncEntityTables(spec);
    const leads = store.records(spec);
    const ids = fc.constantFrom('u1', 'u2', 'u3', null);
    const teams = fc.constantFrom('tech', 'art', 'ops', null);
    const rec = fc.record({ ownerId: ids, teamId: teams, createdBy: ids });
    let batch = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(rec, { maxLength: 12 }),
          fc.constantFrom(...SCOPES),
          fc.record({
            userId: fc.option(fc.constantFrom('u1', 'u2'), { nil: undefined }),
            teams: fc.subarray(['tech', 'art']),
          }),
          fc.boolean(),
          async (records, scope: Scope, who, owned) => {
            batch++;
            const rids: string[] = [];
            for (const r of records) {
              const res = await leads.insert('lead', { ...r, batch });
              if (!res.ok) throw new Error(res.error.message);
              rids.push(res.value.id);
            }
            const actor: PermissionActor = { kind: 'user', role: 'x', ...who };
            const entity = { key: 'lead', owned, fields: [] };
            const cond = scopeCondition(scope, actor, entity);
            const expected = records.flatMap((r, i) =>
              inScope(scope, actor, entity, r) ? [rids[i]] : [],
            );
            const page =
              cond.kind === 'none'
                ? []
                : await leads.list('lead', {
                    filter: { '==': [{ var: 'batch' }, batch] },
                    ...(cond.kind === 'where' ? { scope: cond.logic } : {}),
                    sort: [{ field: 'createdAt', dir: 'asc' }],
                    limit: 100,
                  });
            const got = Array.isArray(page)
              ? page
              : page.ok
                ? page.value.records.map((r) => r.id)
                : page.error.message;
            expect(Array.isArray(got) ? [...got].sort() : got).toEqual([...expected].sort());
          },
        ),
        { numRuns: 120 },
      );
    } finally {
      await store.close();
    }
  });
});

describe('createPermissionPort', () => {
  it('answers the engine port with decisions, list scopes and redaction', async () => {
    const { createPermissionPort } = await import('./port');
    const port = createPermissionPort(fixtureSpec);
    expect(port.check(sales, 'read', 'lead', own)).toEqual({ allowed: true });
    expect(port.check({ ...sales, locale: 'en' }, 'read', 'lead', otherTeam)).toEqual({
      allowed: false,
      reason: 'You are not allowed to do this.',
    });
    expect(port.listScope?.(manager, 'lead')).toMatchObject({
      kind: 'where',
      logic: {
        or: [
          { '==': [{ var: 'ownerId' }, 'm1'] },
          { '==': [{ var: 'ownerId' }, null] },
          { in: [{ var: 'teamId' }, ['tech']] },
        ],
      },
    });
    expect(port.redact?.(sales, 'lead', { id: 'x', idNumber: '1' })).toEqual({ id: 'x' });
  });
});

describe('read-only fields', () => {
  it('lets system and automation actors write readOnly fields but not formulas; people never', () => {
    for (const kind of ['system', 'automation'] as const) {
      expect(perms.writableFields({ kind }, 'lead')).toEqual([
        'name',
        'phone',
        'budget',
        'idNumber',
        'importedAt',
      ]);
    }
    expect(perms.writableFields({ kind: 'user', userId: 'a', role: 'admin' }, 'lead')).toEqual([
      'name',
      'phone',
      'budget',
      'idNumber',
    ]);
  });
});

describe('reassigning', () => {
  it('needs the reassign capability to change owner or team, except naming oneself and one\u2019s own team', () => {
    expect(perms.refusedFields(sales, 'lead', { ownerId: 'u2' })).toEqual({
      hidden: [],
      readonly: ['ownerId'],
    });
    expect(perms.refusedFields(sales, 'lead', { ownerId: null, teamId: 'art' })).toEqual({
      hidden: [],
      readonly: ['ownerId', 'teamId'],
    });
    expect(perms.refusedFields(sales, 'lead', { ownerId: 'u1', teamId: 'tech' })).toEqual({
      hidden: [],
      readonly: [],
    });
    expect(perms.refusedFields(manager, 'lead', { ownerId: 'u2', teamId: 'art' })).toEqual({
      hidden: [],
      readonly: [],
    });
    expect(perms.refusedFields({ kind: 'automation' }, 'lead', { ownerId: 'u2' })).toEqual({
      hidden: [],
      readonly: [],
    });
  });
});
