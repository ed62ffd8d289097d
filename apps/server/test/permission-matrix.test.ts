import { describe, expect, it } from 'vitest';
import type { EntitySpec, RoleSpec } from '@trellis/spec';
import { fullStack } from './stack';
import { sampleRecord, sampleValue } from './samples';

type Relation = 'own' | 'teammate' | 'otherTeam' | 'pool';
const RELATIONS: Relation[] = ['own', 'teammate', 'otherTeam', 'pool'];

/** The spec's scope words read independently of the implementation under test. */
function allows(
  role: RoleSpec,
  entity: EntitySpec,
  action: 'read' | 'update' | 'delete',
  rel: Relation,
): boolean {
  if (role.key === 'admin') return true;
  const scope = role.entities[entity.key]?.[action] ?? 'none';
  const owned = entity.owned === true;
  const own = rel === 'own';
  const team = rel === 'own' || rel === 'teammate';
  const pool = owned && rel === 'pool';
  switch (scope) {
    case 'all':
      return true;
    case 'own':
      return own;
    case 'own+pool':
      return own || pool;
    case 'team':
      return team;
    case 'team+pool':
      return team || pool;
    default:
      return false;
  }
}

/** A text-like field the role may write on the entity, for PATCH probes. */
function writableText(role: RoleSpec, entity: EntitySpec) {
  const access = role.fields?.[entity.key] ?? {};
  return entity.fields.find(
    (f) =>
      (f.type === 'text' || f.type === 'longtext') &&
      !f.readOnly &&
      !access[f.key] &&
      !entity.identity?.some((k) => k.includes(f.key)),
  );
}

describe('permission matrix through HTTP (every role x entity x action x record relation)', () => {
  it('answers each request exactly as the role grants: 403 for a readable record it may not change, 404 for records out of scope', async () => {
    const s = await fullStack();
    const spec = s.spec;
    // One record of every entity a relation field points at, made first (targets of targets
    // before), so samples can name them.
    const relationIds = new Map<string, string>();
    const relationId = (entity: string): string => {
      const known = relationIds.get(entity);
      if (!known) throw new Error(`no ${entity} record made for relations`);
      return known;
    };
    const ensure = async (entity: string): Promise<void> => {
      if (relationIds.has(entity)) return;
      const target = spec.entities.find((e) => e.key === entity)!;
      for (const f of target.fields)
        if (f.required && f.type === 'relation' && f.entity !== entity) await ensure(f.entity);
      const made = await s.engine.records.create(entity, sampleRecord(spec, target, relationId), {
        actor: { kind: 'system' },
        via: 'import',
      });
      if (!made.ok) throw new Error(JSON.stringify(made.error));
      relationIds.set(entity, String(made.record.id));
    };
    for (const e of spec.entities)
      for (const f of e.fields) if (f.type === 'relation') await ensure(f.entity);
    const teammate = await s.signIn('mate', 'sales', ['tech']);
    const stranger = await s.signIn('stranger', 'sales', ['design']);
    const mismatches: string[] = [];
    let checks = 0;

    for (const role of spec.roles ?? []) {
      const me = await s.signIn(`u-${role.key}`, role.key, ['tech']);
      for (const entity of spec.entities) {
        const holder: Record<
          Relation,
          { ownerId: string | null; teamId: string | null; by: string | undefined }
        > = {
          own: { ownerId: me.id, teamId: 'tech', by: me.id },
          teammate: { ownerId: teammate.id, teamId: 'tech', by: teammate.id },
          otherTeam: { ownerId: stranger.id, teamId: 'design', by: stranger.id },
          pool: { ownerId: null, teamId: null, by: undefined },
        };
        const ids = {} as Record<Relation, string>;
        for (const rel of RELATIONS) {
          const h = holder[rel];
          const values = {
            ...sampleRecord(spec, entity, relationId),
            ...(entity.owned ? { ownerId: h.ownerId } : {}),
            teamId: h.teamId,
          };
          const made = await s.engine.records.create(entity.key, values, {
            actor: h.by ? { kind: 'system', userId: h.by } : { kind: 'system' },
            via: 'import',
          });
          if (!made.ok) throw new Error(`${entity.key}: ${JSON.stringify(made.error)}`);
          ids[rel] = String(made.record.id);
        }
        const expectStatus = (what: string, got: number, want: number) => {
          checks++;
          if (got !== want)
            mismatches.push(`${role.key} ${what} ${entity.key}: got ${got}, want ${want}`);
        };
        const list = await s.request(`/api/v1/records/${entity.key}?limit=200`, {
          cookie: me.cookie,
        });
        const listed =
          list.status === 200
            ? new Set(((await list.json()) as { items: { id: string }[] }).items.map((r) => r.id))
            : new Set<string>();
        for (const rel of RELATIONS) {
          const url = `/api/v1/records/${entity.key}/${ids[rel]}`;
          const read = allows(role, entity, 'read', rel);
          // A change the role does not grant: "not allowed" when the record is readable,
          // "not found" when it is not (its existence does not leak).
          const refused = read ? 403 : 404;
          expectStatus(
            `read ${rel}`,
            (await s.request(url, { cookie: me.cookie })).status,
            read ? 200 : 404,
          );
          checks++;
          if (listed.has(ids[rel]) !== read)
            mismatches.push(
              `${role.key} list ${entity.key} ${rel}: listed=${listed.has(ids[rel])}`,
            );
          const field = writableText(role, entity);
          if (field) {
            const current = await s.engine.records.get(entity.key, ids[rel], {
              actor: { kind: 'system' },
            });
            const version = current.ok ? current.record.version : 0;
            const res = await s.request(url, {
              method: 'PATCH',
              cookie: me.cookie,
              json: { version, [field.key]: sampleValue(field, relationId) },
            });
            expectStatus(
              `update ${rel}`,
              res.status,
              allows(role, entity, 'update', rel) ? 200 : refused,
            );
          }
          expectStatus(
            `delete ${rel}`,
            (await s.request(url, { method: 'DELETE', cookie: me.cookie })).status,
            allows(role, entity, 'delete', rel) ? 204 : refused,
          );
        }
        const mayCreate = role.key === 'admin' || role.entities[entity.key]?.create === true;
        // A person sends only what they may write; a required field they may not write and
        // that has no default makes the create fail validation (a template choice, not a leak).
        const access = role.key === 'admin' ? {} : (role.fields?.[entity.key] ?? {});
        const values = Object.fromEntries(
          Object.entries(sampleRecord(spec, entity, relationId)).filter(
            ([k]) => !access[k] || access[k] === 'editable',
          ),
        );
        const blocked = entity.fields.some(
          (f) =>
            f.required &&
            access[f.key] &&
            access[f.key] !== 'editable' &&
            !('default' in f && f.default !== undefined),
        );
        const created = await s.request(`/api/v1/records/${entity.key}`, {
          method: 'POST',
          cookie: me.cookie,
          json: values,
        });
        checks++;
        const want = !mayCreate ? [403, 404] : blocked ? [422] : [201];
        if (!want.includes(created.status))
          mismatches.push(
            `${role.key} create ${entity.key}: got ${created.status} want ${want.join('|')} ${await created.text()}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
    expect(checks).toBeGreaterThan(350);
  });
});
