import { computeSlaDueAt } from '@trellis/engine';
import { parseDuration } from '@trellis/logic';
import {
  computeFormulas,
  createSpecModel,
  isEmptyValue,
  normalizeInput,
  validateRecord,
  type FieldError,
} from '@trellis/rules';
import type { AppSpec } from '@trellis/spec';
import type { SeedBatch } from './batch';
import { handoverRows } from './handover-rows';
import type { SeedRecord } from './types';

/** What the preparation of units counts (the seed's and the demo loader's report). */
export type UnitCounts = {
  records: Record<string, number>;
  activities: number;
  transitions: number;
  /** Records the rules refused (a broken profile or recipe), with the first reasons. */
  refused: number;
  reasons: FieldError[];
};

/** Counts of a seed or demo load before its first unit. */
export const emptyUnitCounts = (): UnitCounts => ({
  records: {},
  activities: 0,
  transitions: 0,
  refused: 0,
  reasons: [],
});

export type UnitOptions = {
  spec: AppSpec;
  ids: { next(at: number): string };
  /** The user id of a login (null: nobody of that login). */
  user(login: string | null | undefined): string | null;
  counts: UnitCounts;
  /**
   * Live data (the demo a workspace starts with) rather than a year of history: open records
   * get their stage's SLA due time, as the engine's write path arms it, and the creation's
   * history row keeps the first values.
   */
  live?: boolean;
};

/**
 * Prepares one unit (a lead; a customer with its deal) into a batch: each record through the
 * record rules first (defaults, normalization, formulas, validation; a refused record is counted
 * and nothing of it is written), then its rows: the record as it is now, the ownership ledger,
 * the `$created` history, stage transitions, activities (with file rows of their attachments),
 * touches, and a reclaim to the pool when it had one. Returns whether the unit ended in a won
 * stage.
 */
export function unitPreparer(o: UnitOptions): (batch: SeedBatch, unit: SeedRecord[]) => boolean {
  const model = createSpecModel(o.spec, null);
  const { ids, user, counts } = o;
  // A note is not a contact: only types that count as contact move lastActivityAt (as the engine).
  const notContact = new Set(
    (o.spec.activityTypes ?? []).filter((t) => t.countsAsContact === false).map((t) => t.key),
  );
  // Each entity's defaults, read from the spec once (a unit of 1.6 records made them per record).
  const defaultLists = new Map<object, [string, unknown][]>();
  const defaultsOf = (entity: { fields: readonly object[] }): Record<string, unknown> => {
    let list = defaultLists.get(entity);
    if (!list) defaultLists.set(entity, (list = defaultList(entity)));
    const out: Record<string, unknown> = {};
    // A value of a record is its own: an object default is copied, a text or number is a value.
    for (const [k, v] of list)
      out[k] = typeof v === 'object' && v !== null ? structuredClone(v) : v;
    return out;
  };
  return (batch, unit) => {
    const made: Record<string, string> = {};
    let won = false;
    for (const rec of unit) {
      const m = model.entity(rec.entity);
      if (!m) throw new Error(`the workspace has no entity "${rec.entity}"`);
      const input: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(rec.values))
        input[k] = isRef(v) ? (made[v.$ref] ?? null) : v;
      const n = normalizeInput(m, input, { locale: 'zh-CN', via: 'import' });
      const record = computeFormulas(m, { ...defaultsOf(m.entity), ...n.values }, rec.createdAt);
      const errors = [
        ...n.errors,
        ...validateRecord(m, record, { locale: 'zh-CN', now: rec.createdAt }, n.invalid),
      ];
      if (errors.length > 0) {
        counts.refused += 1;
        if (counts.reasons.length < 5) counts.reasons.push(...errors.slice(0, 1));
        return won;
      }
      const stages =
        rec.stages ?? (m.initialStage ? [{ stage: m.initialStage, at: rec.createdAt }] : []);
      const last = stages.at(-1);
      const first = { ownerId: user(rec.owner), teamId: rec.team };
      // A record that went back to the pool holds no owner (nor team) now; its ledger says when.
      // One handed over is held by the new owner.
      const holder = rec.released
        ? { ownerId: null, teamId: null }
        : rec.handover
          ? { ownerId: user(rec.handover.to), teamId: rec.team }
          : first;
      const contacts = (rec.activities ?? []).filter((a) => !notContact.has(a.type));
      const lastActivity = contacts.reduce((t, a) => Math.max(t, a.at), 0) || null;
      const id = rec.id ?? ids.next(rec.createdAt);
      const createdBy = user(rec.createdBy);
      // The engine's create writes the creator as the actor; a year of history names the owner.
      const creator = o.live ? createdBy : (createdBy ?? first.ownerId);
      const row = {
        ...record,
        id,
        createdAt: rec.createdAt,
        createdBy,
        ...holder,
        ...(last ? { stage: last.stage, stageEnteredAt: last.at } : {}),
        lastActivityAt: lastActivity,
      };
      // Unowned records of owned entities have no clock: the pool's rules watch them instead.
      const owned = m.entity.owned === false || holder.ownerId !== null;
      const sla = o.live && last && owned ? m.stages.get(last.stage)?.sla : undefined;
      const due = computeSlaDueAt(
        sla,
        { stageEnteredAt: last?.at ?? null, lastActivityAt: lastActivity },
        parseDuration,
      );
      batch.add(rec.entity, due ? { ...row, slaDueAt: due.dueAt } : row);
      batch.owners.push({
        id: ids.next(rec.createdAt),
        entity: rec.entity,
        recordId: id,
        before: null,
        after: first,
        actorId: createdBy,
        via: 'import',
        at: rec.createdAt,
      });
      batch.history.push({
        changeId: id,
        entity: rec.entity,
        recordId: id,
        field: '$created',
        before: null,
        // The first values (live data only): the filled fields and the first holder (as the
        // engine's createdRow). A year of history leaves them out.
        after: o.live ? firstValues({ ...record, ...first }, m.fields.keys()) : null,
        actorId: creator,
        via: 'import',
        at: rec.createdAt,
      });
      if (rec.released) released(batch, rec.entity, id, first, rec.released);
      if (rec.handover) {
        const title = String(record[m.entity.titleField ?? ''] ?? '');
        const moved = { entity: rec.entity, id, title, before: first, after: holder };
        handoverRows(batch, ids, (login) => user(login), moved, rec.handover);
      }
      made[rec.entity] = id;
      counts.records[rec.entity] = (counts.records[rec.entity] ?? 0) + 1;
      for (const [i, s] of stages.entries()) {
        const prev = i === 0 ? null : stages[i - 1]!;
        batch.transitions.push({
          id: ids.next(s.at),
          entity: rec.entity,
          recordId: id,
          fromStage: prev?.stage ?? null,
          toStage: s.stage,
          actorId: i === 0 ? creator : first.ownerId,
          via: 'import',
          at: s.at,
          dwellMs: prev ? s.at - prev.at : null,
        });
        if (prev) counts.transitions += 1;
      }
      for (const a of rec.activities ?? []) {
        const attachments = (a.attachments ?? []).map((f) => {
          const file = { id: ids.next(a.at), name: f.name, mime: f.mime, size: f.size };
          batch.files.push({
            ...file,
            sha256: '',
            storagePath: `demo/${f.name}`,
            createdBy: null,
            createdAt: a.at,
          });
          return file;
        });
        batch.activities.push({
          id: ids.next(a.at),
          entity: rec.entity,
          recordId: id,
          type: a.type,
          body: a.body,
          occurredAt: a.at,
          actorId: user(a.by),
          attachments,
          meta: null,
          createdAt: a.at,
        });
        counts.activities += 1;
      }
      for (const t of rec.touches ?? [])
        batch.touches.push({ ...t, id: ids.next(t.at), entity: rec.entity, recordId: id });
      if (last && m.stages.get(last.stage)?.category === 'won') won = true;
    }
    return won;
  };

  // The ledger and history of a reclaim in the past, as the pool's clock writes them.
  function released(
    batch: SeedBatch,
    entity: string,
    id: string,
    before: { ownerId: string | null; teamId: string | null },
    r: { at: number; reason: string },
  ): void {
    batch.owners.push({
      id: ids.next(r.at),
      entity,
      recordId: id,
      before,
      after: { ownerId: null, teamId: null },
      actorId: null,
      via: 'system',
      at: r.at,
      note: { kind: 'reclaim', reason: r.reason },
    });
    const changeId = ids.next(r.at);
    for (const field of ['ownerId', 'teamId'] as const)
      if (before[field] !== null)
        batch.history.push({
          changeId,
          entity,
          recordId: id,
          field,
          before: before[field],
          after: null,
          actorId: null,
          via: 'system',
          at: r.at,
        });
  }
}

/** Field defaults of the spec for a new record (the engine's create applies them too). */
function defaultList(entity: { fields: readonly object[] }): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const f of entity.fields as { key: string; default?: unknown }[])
    if (f.default !== undefined) out.push([f.key, f.default]);
  return out;
}

function firstValues(
  initial: Record<string, unknown>,
  fields: Iterable<string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of [...fields, 'ownerId', 'teamId'])
    if (!isEmptyValue(initial[k])) out[k] = initial[k];
  return out;
}

const isRef = (v: unknown): v is { $ref: string } =>
  typeof v === 'object' && v !== null && typeof (v as { $ref?: unknown }).$ref === 'string';
