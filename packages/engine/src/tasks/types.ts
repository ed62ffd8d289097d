import type { TaskFilter, TaskRow, TaskStatus } from '@trellis/store';
import type { EngineError } from '../i18n/errors';

export type { TaskStatus };

/** A to-do for a person, optionally about a record. */
export type Task = TaskRow;

export type TaskInput = {
  entity?: string;
  recordId?: string;
  title: string;
  description?: string;
  assigneeId?: string | null;
  dueAt?: number | null;
  /** Where the task came from (e.g. the automation run); stored as JSON. */
  source?: unknown;
};

export type TaskQuery = TaskFilter & {
  /** `nextCursor` of the previous page (the page size is `limit`, default 50). */
  cursor?: string | null;
};

export type TaskResult = { ok: true; task: Task } | { ok: false; error: EngineError };
export type TaskListResult =
  { ok: true; tasks: Task[]; nextCursor: string | null } | { ok: false; error: EngineError };
