import {
  engineError,
  invalidCursor,
  fieldError,
  validationFailure,
  type Failure,
  type FieldError,
} from '../i18n/errors';
import type { Locale } from '../ports';
import { authorize, beginCall, callLocale, guard, isFailure, type Call } from '../records/call';
import type { Runtime } from '../records/runtime';
import type { CallOptions, WriteOptions } from '../records/types';
import { loadForWrite } from '../records/existing-write';
import { getTask, insertTask, pageTasks, setTask } from './task-rows';
import type { Task, TaskInput, TaskListResult, TaskQuery, TaskResult } from './types';
import { withoutSpans } from '../redaction/text-spans';

const localeOf = (rt: Runtime, opts: CallOptions | undefined): Locale => callLocale(rt, opts);

// A task about a record needs update rights on it; the call context is that record's entity.
function recordCall(
  rt: Runtime,
  entity: string,
  recordId: string,
  opts: CallOptions,
): Call | Failure {
  const call = beginCall(rt, entity, opts);
  if (isFailure(call)) return call;
  const record = loadForWrite(call, recordId, undefined);
  if (isFailure(record)) return record;
  return authorize(call, 'update', record) ?? call;
}

function checkInput(locale: Locale, input: TaskInput): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof input?.title !== 'string' || input.title.trim() === '')
    errors.push(fieldError(locale, '/title', 'required', 'taskTitle'));
  if (
    input?.dueAt !== undefined &&
    input.dueAt !== null &&
    (typeof input.dueAt !== 'number' || !Number.isInteger(input.dueAt))
  ) {
    errors.push(
      fieldError(locale, '/dueAt', 'type', 'invalidInput', {
        detail: 'dueAt must be epoch milliseconds',
      }),
    );
  }
  if ((input?.entity === undefined) !== (input?.recordId === undefined)) {
    errors.push(
      fieldError(locale, '/recordId', 'required', 'invalidInput', {
        detail: 'entity and recordId go together',
      }),
    );
  }
  return errors;
}

/** Creates a task (optionally about a record); one `task.created` event. */
export function createTask(rt: Runtime, input: TaskInput, opts: WriteOptions): TaskResult {
  const locale = localeOf(rt, opts);
  return guard(locale, () => {
    const errors = checkInput(locale, input);
    if (errors.length > 0) return validationFailure(locale, errors);
    return rt.db.transaction((): TaskResult => {
      const call =
        input.entity && input.recordId ? recordCall(rt, input.entity, input.recordId, opts) : null;
      if (isFailure(call)) return call;
      const now = rt.clock.now();
      const title = input.title.normalize('NFC').trim();
      const description = input.description?.trim() || null;
      // Spans of a rendered title hold only for the text as rendered; if storing changed it,
      // the task is treated like typed text (redaction/free-text).
      const exact = title === input.title && description === (input.description ?? null);
      const task: Task = {
        id: rt.ids.next(),
        entity: input.entity ?? null,
        recordId: input.recordId ?? null,
        title,
        description,
        assigneeId: input.assigneeId ?? null,
        dueAt: input.dueAt ?? null,
        status: 'open',
        completedAt: null,
        createdBy: opts.actor?.userId ?? null,
        createdAt: now,
        source: (exact ? input.source : withoutSpans(input.source)) ?? null,
      };
      insertTask(rt, task);
      writeEvent(rt, opts, 'task.created', task, now);
      return { ok: true, task };
    });
  });
}

/** Reassigns a task (and optionally moves its due time); one `task.assigned` event. */
export function assignTask(
  rt: Runtime,
  taskId: string,
  assigneeId: string | null,
  opts: WriteOptions & { dueAt?: number | null },
): TaskResult {
  return changeTask(
    rt,
    taskId,
    opts,
    () => ({ assigneeId, ...(opts.dueAt !== undefined ? { dueAt: opts.dueAt } : {}) }),
    'task.assigned',
  );
}

/** Marks a task done; one `task.completed` event. Closed tasks are refused. */
export function completeTask(rt: Runtime, taskId: string, opts: WriteOptions): TaskResult {
  return changeTask(
    rt,
    taskId,
    opts,
    () => ({ status: 'done', completedAt: rt.clock.now() }),
    'task.completed',
  );
}

function changeTask(
  rt: Runtime,
  taskId: string,
  opts: WriteOptions,
  patchOf: (t: Task) => Partial<Task>,
  type: string,
): TaskResult {
  const locale = localeOf(rt, opts);
  return guard(locale, () =>
    rt.db.transaction((): TaskResult => {
      const task = getTask(rt, taskId);
      if (!task)
        return engineError('not_found', locale, 'notFound', { entity: 'task', id: taskId });
      if (task.status !== 'open') return engineError('invalid_input', locale, 'taskClosed');
      if (task.entity && task.recordId) {
        const call = recordCall(rt, task.entity, task.recordId, opts);
        if (isFailure(call)) return call;
      }
      const patch = patchOf(task);
      setTask(rt, taskId, patch);
      const next = { ...task, ...patch };
      writeEvent(rt, opts, type, next, rt.clock.now());
      return { ok: true, task: next };
    }),
  );
}

function writeEvent(rt: Runtime, opts: WriteOptions, type: string, task: Task, now: number): void {
  rt.live().store.writeOutbox({
    id: rt.ids.next(),
    type,
    entity: task.entity,
    recordId: task.recordId,
    payload: { task },
    actorId: opts.actor?.userId ?? null,
    via: opts.via ?? null,
    depth: opts.depth ?? 0,
    createdAt: now,
  });
}

/**
 * Lists tasks (e.g. a person's open tasks by due time). A person sees tasks assigned to or
 * created by them, and tasks about records they may read.
 */
export function listTasks(rt: Runtime, query: TaskQuery, opts: CallOptions): TaskListResult {
  return guard(localeOf(rt, opts), () => {
    const actor = opts?.actor ?? { kind: 'public' as const };
    const store = rt.live().store;
    const everything = actor.kind === 'system' || actor.kind === 'automation';
    const page = pageTasks(rt, query, (t) => {
      if (everything) return true;
      if (actor.userId && (t.assigneeId === actor.userId || t.createdBy === actor.userId))
        return true;
      if (!t.entity || !t.recordId) return false;
      const record = store.get(t.entity, t.recordId, { includeDeleted: true });
      return record !== null && rt.permissions.check(actor, 'read', t.entity, record).allowed;
    });
    if (!page) return invalidCursor(localeOf(rt, opts));
    // Automation-made titles may quote record fields the reader may not see.
    return {
      ok: true,
      tasks: page.items.map((t) => rt.redaction.task(actor, t)),
      nextCursor: page.nextCursor,
    };
  });
}
