import {
  invalidCursor,
  engineError,
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
import type { Repos, Tx } from '@trellis/store';
import type { Task, TaskInput, TaskListResult, TaskQuery, TaskResult } from './types';
import { withoutTexts } from '../redaction/localized-texts';
import { withoutSpans } from '../redaction/text-spans';
import { together } from '../records/together';

const localeOf = (rt: Runtime, opts: CallOptions | undefined): Locale => callLocale(rt, opts);

// A task about a record needs update rights on it; the call context is that record's entity.
async function recordCall(
  rt: Runtime,
  entity: string,
  recordId: string,
  opts: CallOptions,
  tx: Tx,
): Promise<Call | Failure> {
  const call = await beginCall(rt, entity, { ...opts, tx });
  if (isFailure(call)) return call;
  const record = await loadForWrite(call, recordId, undefined);
  if (isFailure(record)) return record;
  return authorize(call, 'update', record) ?? call;
}

/** Runs `fn` in the caller's transaction (a unit of it) or in one of its own. */
function inTx<T>(rt: Runtime, opts: CallOptions, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return opts.tx ? opts.tx.transaction(fn) : rt.store.transaction(fn);
}

// Work goes only to people the actor may give records to (`reassign`, else themself).
function assigneeRefused(
  rt: Runtime,
  opts: CallOptions,
  assigneeId: string | null,
  locale: Locale,
): Failure | null {
  const actor = opts?.actor ?? { kind: 'public' as const };
  if (assigneeId === null || !rt.permissions.mayAssignTo) return null;
  if (rt.permissions.mayAssignTo(actor, assigneeId)) return null;
  return validationFailure(locale, [
    fieldError(locale, '/assigneeId', 'field_readonly', 'taskAssignee'),
  ]);
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
export function createTask(rt: Runtime, input: TaskInput, opts: WriteOptions): Promise<TaskResult> {
  const locale = localeOf(rt, opts);
  return guard(rt, locale, async () => {
    const errors = checkInput(locale, input);
    if (errors.length > 0) return validationFailure(locale, errors);
    const refused = assigneeRefused(rt, opts, input.assigneeId ?? null, locale);
    if (refused) return refused;
    return inTx(rt, opts, async (tx): Promise<TaskResult> => {
      const call =
        input.entity && input.recordId
          ? await recordCall(rt, input.entity, input.recordId, opts, tx)
          : null;
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
        source: sourceOf(input.source, exact, opts.actor?.kind) ?? null,
      };
      // Sent together (one round trip on PostgreSQL); a failure of either fails the unit.
      await together([tx.tasks.insert(task), writeEvent(rt, tx, opts, 'task.created', task, now)]);
      return { ok: true, task };
    });
  });
}

/**
 * The source a task keeps. Texts in every language come only from the engine's own renderings
 * (automations, handovers): a caller's would be shown in place of the title without the free-text
 * check that a typed title gets (redaction/free-text).
 */
function sourceOf(source: unknown, exact: boolean, by: string | undefined): unknown {
  const spanned = exact ? source : withoutSpans(source);
  return by === 'user' || by === 'token' || by === 'public' ? withoutTexts(spanned) : spanned;
}

/** Reassigns a task (and optionally moves its due time); one `task.assigned` event. */
export function assignTask(
  rt: Runtime,
  taskId: string,
  assigneeId: string | null,
  opts: WriteOptions & { dueAt?: number | null },
): Promise<TaskResult> {
  const refused = assigneeRefused(rt, opts, assigneeId, localeOf(rt, opts));
  if (refused) return Promise.resolve(refused);
  return changeTask(
    rt,
    taskId,
    opts,
    () => ({ assigneeId, ...(opts.dueAt !== undefined ? { dueAt: opts.dueAt } : {}) }),
    'task.assigned',
  );
}

/** Marks a task done; one `task.completed` event. Closed tasks are refused. */
export function completeTask(rt: Runtime, taskId: string, opts: WriteOptions): Promise<TaskResult> {
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
  patchOf: (t: Task) => Pick<Partial<Task>, 'assigneeId' | 'dueAt' | 'status' | 'completedAt'>,
  type: string,
): Promise<TaskResult> {
  const locale = localeOf(rt, opts);
  return guard(rt, locale, () =>
    inTx(rt, opts, async (tx): Promise<TaskResult> => {
      const task = await tx.tasks.get(taskId);
      if (!task)
        return engineError('not_found', locale, 'notFound', { entity: 'task', id: taskId });
      if (task.status !== 'open') return engineError('invalid_input', locale, 'taskClosed');
      if (task.entity && task.recordId) {
        const call = await recordCall(rt, task.entity, task.recordId, opts, tx);
        if (isFailure(call)) return call;
      }
      const patch = patchOf(task);
      const next = { ...task, ...patch };
      // Sent together (one round trip on PostgreSQL); a failure of either fails the unit.
      await together([
        tx.tasks.update(taskId, patch),
        writeEvent(rt, tx, opts, type, next, rt.clock.now()),
      ]);
      return { ok: true, task: next };
    }),
  );
}

async function writeEvent(
  rt: Runtime,
  db: Repos,
  opts: WriteOptions,
  type: string,
  task: Task,
  now: number,
): Promise<void> {
  await db.outbox.append({
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
export function listTasks(
  rt: Runtime,
  query: TaskQuery,
  opts: CallOptions,
): Promise<TaskListResult> {
  return guard(rt, localeOf(rt, opts), async () => {
    const actor = opts?.actor ?? { kind: 'public' as const };
    const db = opts?.tx ?? rt.store;
    const everything = actor.kind === 'system' || actor.kind === 'automation';
    const spec = everything ? null : (await rt.live()).model.spec;
    const { cursor, limit, ...filter } = query;
    const page = await db.tasks.page(
      filter,
      { limit: limit ?? 50, cursor: cursor ?? null },
      async (t) => {
        if (everything || !spec) return true;
        if (actor.userId && (t.assigneeId === actor.userId || t.createdBy === actor.userId))
          return true;
        if (!t.entity || !t.recordId) return false;
        const record = await db.records(spec).get(t.entity, t.recordId, { includeDeleted: true });
        return record !== null && rt.permissions.check(actor, 'read', t.entity, record).allowed;
      },
    );
    if (!page) return invalidCursor(localeOf(rt, opts));
    // Automation-made titles may quote record fields the reader may not see.
    return {
      ok: true,
      tasks: await Promise.all(page.items.map((t) => rt.redaction.task(actor, t as Task))),
      nextCursor: page.nextCursor,
    };
  });
}
