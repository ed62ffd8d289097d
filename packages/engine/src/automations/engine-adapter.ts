import type { TaskRow, Tx } from '@trellis/store';
import type { Engine } from '../engine';
import type { Actor } from '../ports';
import { thrownBy } from '../records/call';
import type { RecordsPort } from './records-port';

/** The actor every automation write runs as (permission ports let it act on any record). */
const AUTOMATION_ACTOR: Actor = { kind: 'automation' };

/**
 * Binds the engine's one write path to automations: actor `automation`, via 'automation', and
 * the chain depth, so events caused by an automation carry depth + 1 (bounded recursion).
 */
export function recordsPortFor(
  engine: Pick<Engine, 'records' | 'tasks' | 'ownership' | 'store'>,
  depth: number,
  tx: Tx | undefined,
): RecordsPort {
  const opts = {
    actor: AUTOMATION_ACTOR,
    via: 'automation' as const,
    depth,
    ...(tx ? { tx } : {}),
  };
  /**
   * The record's open tasks, read from the store by the (entity, record_id) index in the
   * drain's transaction, in the task list's order. Not `engine.tasks.list`: its keyset page,
   * permission hook and redaction did nothing for the automation actor, who sees every task,
   * and cost ~4 % of the writer under intake with automations on (session 18's profile).
   */
  const openTasks = (entity: string, recordId: string) =>
    (tx ?? engine.store).tasks.query({ entity, recordId, status: 'open', limit: 1000 });
  /**
   * The engine's answer, unless its unit threw a passing fault of the database (a deadlock with
   * another process's worker, a lock timeout, a lost connection), which the engine answers as an
   * `internal` failure: thrown again, so the worker retries the whole event (execute-action.ts)
   * instead of recording the action as failed and the event as done — a routing run that left
   * its record without an owner (session 23's cluster test).
   */
  const settled = async <R>(answer: Promise<R>): Promise<R> => {
    const r = await answer;
    const thrown = thrownBy(r);
    if (thrown !== undefined && engine.store.transient(thrown)) throw thrown;
    return r;
  };
  const tagOf = (source: unknown) => (source as { tag?: unknown } | null)?.tag;
  /** The open task about the record that carries the same `tag` as `source`, if any. */
  const openTaggedTask = async (
    entity: string | null,
    recordId: string | null,
    source: unknown,
  ): Promise<TaskRow | null> => {
    const tag = tagOf(source);
    if (typeof tag !== 'string' || !entity || !recordId) return null;
    return (await openTasks(entity, recordId)).find((t) => tagOf(t.source) === tag) ?? null;
  };
  return {
    get: async (entity, id) => {
      // Locked in the worker's transaction: the drain's record cache stays true where
      // transactions run side by side (record-cache.ts).
      const r = await settled(engine.records.get(entity, id, { ...opts, lock: true }));
      return r.ok ? r.record : null;
    },
    create: (entity, values) => settled(engine.records.create(entity, values, opts)),
    update: (entity, id, patch) => settled(engine.records.update(entity, id, patch, opts)),
    changeStage: (entity, id, stage) =>
      settled(engine.records.changeStage(entity, id, stage, opts)),
    setOwner: (entity, id, ownerId, o) =>
      settled(
        engine.records.update(
          entity,
          id,
          { ownerId, ...(o?.teamId !== undefined ? { teamId: o.teamId } : {}) },
          {
            ...opts,
            ownership: {
              ...(o?.kind ? { kind: o.kind } : {}),
              ...(o?.reason ? { reason: o.reason } : {}),
            },
          },
        ),
      ),
    handover: async (entity, id, input) => {
      const r = await settled(engine.ownership.handover(entity, [id], input, opts));
      if (!r.ok) return { ok: false, error: r.error };
      const [h] = r.handovers;
      return { ok: true, handoverId: h?.id ?? '', status: h?.status ?? 'pending' };
    },
    createTask: async (input) => {
      const same = await openTaggedTask(input.entity, input.recordId, input.source);
      if (same) {
        // One piece of work per tag on a record: the owner changed (a handover carried the
        // previous owner's task along), so the open one goes to the new assignee with the new
        // deadline instead of a second task; still theirs, it keeps its own (overdue stays overdue).
        if (same.assigneeId === input.assigneeId) return { ok: true, id: same.id };
        const moved = await settled(
          engine.tasks.assign(same.id, input.assigneeId, {
            ...opts,
            dueAt: input.dueAt,
          }),
        );
        return moved.ok ? { ok: true, id: moved.task.id } : { ok: false, error: moved.error };
      }
      const r = await settled(
        engine.tasks.create(
          {
            ...(input.entity ? { entity: input.entity } : {}),
            ...(input.recordId ? { recordId: input.recordId } : {}),
            title: input.title,
            ...(input.description ? { description: input.description } : {}),
            assigneeId: input.assigneeId,
            dueAt: input.dueAt,
            source: input.source,
          },
          opts,
        ),
      );
      return r.ok ? { ok: true, id: r.task.id } : { ok: false, error: r.error };
    },
    completeTasks: async (entity, recordId, tag) => {
      const ids: string[] = [];
      for (const task of await openTasks(entity, recordId)) {
        if (tagOf(task.source) !== tag) continue;
        const done = await settled(engine.tasks.complete(task.id, opts));
        if (!done.ok) return { ok: false, error: done.error };
        ids.push(task.id);
      }
      return { ok: true, ids };
    },
  };
}
