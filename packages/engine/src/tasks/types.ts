import type { EngineError } from '../i18n/errors';

export type TaskStatus = 'open' | 'done' | 'cancelled';

/** A to-do for a person, optionally about a record. */
export type Task = {
  id: string;
  entity: string | null;
  recordId: string | null;
  title: string;
  description: string | null;
  assigneeId: string | null;
  dueAt: number | null;
  status: TaskStatus;
  completedAt: number | null;
  createdBy: string | null;
  createdAt: number;
  source: unknown;
};

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

export type TaskQuery = {
  assigneeId?: string;
  status?: TaskStatus;
  entity?: string;
  recordId?: string;
  dueBefore?: number;
  /** Page size (default 50, at most 1,000). */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string | null;
};

export type TaskResult = { ok: true; task: Task } | { ok: false; error: EngineError };
export type TaskListResult =
  { ok: true; tasks: Task[]; nextCursor: string | null } | { ok: false; error: EngineError };
