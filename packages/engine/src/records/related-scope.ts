import { engineError, fieldError, type Failure } from '../i18n/errors';
import type { Actor, PermissionPort } from '../ports';
import type { Call } from './call';

/**
 * The fields of a related record that decide whether the reader may read it (the read scope is
 * written over them). A condition on `<relation>.<one of these>` tells no more than the record
 * page's relation link does; any other field of the related record is read only where the
 * reader may read that record.
 */
const SCOPE_FIELDS = new Set(['id', 'ownerId', 'teamId', 'createdBy']);

const eqNull = (field: string) => ({ '==': [{ var: field }, null] });

/** A JSONLogic condition on the related record: every `{"var": "x"}` read as `<relation>.x`. */
function throughRelation(logic: unknown, relation: string): unknown {
  if (Array.isArray(logic)) return logic.map((x) => throughRelation(x, relation));
  if (logic === null || typeof logic !== 'object') return logic;
  const out: Record<string, unknown> = {};
  for (const [op, args] of Object.entries(logic)) {
    if (op !== 'var') out[op] = throughRelation(args, relation);
    else if (typeof args === 'string')
      out.var = args.startsWith('$') ? args : `${relation}.${args}`;
    else if (Array.isArray(args) && typeof args[0] === 'string' && !args[0].startsWith('$'))
      out.var = [`${relation}.${args[0]}`, ...args.slice(1)];
    else out.var = args;
  }
  return out;
}

/**
 * The records whose related record (through the single relation field `relation`, to entity
 * `target`) the actor may read, or that have none: null when that is every record.
 */
export function relatedVisible(
  permissions: PermissionPort,
  actor: Actor,
  relation: string,
  target: string,
): unknown {
  if (!permissions.check(actor, 'read', target).allowed) return eqNull(relation);
  const scope = permissions.listScope?.(actor, target);
  if (!scope || scope.kind === 'all') return null;
  if (scope.kind === 'none') return eqNull(relation);
  return { or: [eqNull(relation), throughRelation(scope.logic, relation)] };
}

/** Every `{"var": "a.b"}` name of a condition (dotted: a field of a related record). */
function dottedVars(logic: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(logic)) for (const x of logic) dottedVars(x, out);
  else if (logic !== null && typeof logic === 'object')
    for (const [op, args] of Object.entries(logic)) {
      const name = op === 'var' ? (Array.isArray(args) ? args[0] : args) : undefined;
      if (typeof name === 'string' && name.includes('.') && !name.startsWith('$')) out.add(name);
      else dottedVars(args, out);
    }
  return out;
}

/**
 * What a list filter naming fields of related records (`customer.firstChannel`, a dashboard's
 * drill-down) adds to the reader's scope: per relation whose non-scope fields it reads, "the
 * related record is readable or absent", so no field of a record the reader may not read can
 * be learnt by filtering. Also the `<relation>.<field>` names whose field is hidden from the
 * reader on the related entity (refused like a hidden field of the entity itself).
 */
function relatedGuard(
  permissions: PermissionPort,
  hiddenOn: (entity: string) => ReadonlySet<string>,
  actor: Actor,
  relations: (key: string) => string | undefined,
  filter: unknown,
): { scope: unknown[]; hidden: string[] } {
  const scope: unknown[] = [];
  const hidden: string[] = [];
  const guarded = new Set<string>();
  for (const name of dottedVars(filter)) {
    const dot = name.indexOf('.');
    const relation = name.slice(0, dot);
    const field = name.slice(dot + 1);
    const target = relations(relation);
    if (!target) continue;
    if (hiddenOn(target).has(field)) hidden.push(name);
    if (SCOPE_FIELDS.has(field) || guarded.has(relation)) continue;
    guarded.add(relation);
    const visible = relatedVisible(permissions, actor, relation, target);
    if (visible !== null) scope.push(visible);
  }
  return { scope, hidden };
}

/**
 * The read scope of a list or group call, its filter's related-record guard included
 * (`relatedGuard`), or the refusal of a filter naming a related field hidden from the reader.
 */
export function listScopeOf(call: Call, filter: unknown): { scope?: unknown } | 'none' | Failure {
  const own = call.rt.permissions.listScope?.(call.actor, call.model.key);
  if (own?.kind === 'none') return 'none';
  const parts: unknown[] = own?.kind === 'where' ? [own.logic] : [];
  if (filter !== undefined && filter !== null) {
    const g = relatedGuard(
      call.rt.permissions,
      (e) => call.rt.redaction.hiddenFields(call.actor, e),
      call.actor,
      (key) => {
        const f = call.model.fields.get(key);
        return f?.type === 'relation' && !f.multiple ? f.entity : undefined;
      },
      filter,
    );
    if (g.hidden.length > 0)
      return engineError(
        'invalid_input',
        call.locale,
        'invalidFilter',
        {},
        g.hidden.map((field) =>
          fieldError(call.locale, '/filter', 'unknown_field', 'unknownField', { field }),
        ),
      );
    parts.push(...g.scope);
  }
  if (parts.length === 0) return {};
  return { scope: parts.length === 1 ? parts[0] : { and: parts } };
}
