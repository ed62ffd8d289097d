import type { Keep, Page, PageRequest } from '../sql/keyset-page';
export type TaskStatus = 'open' | 'done' | 'cancelled';

/** A to-do (`tasks`), optionally about a record. */
export type TaskRow = {
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

/** Which tasks to list; every part optional. */
export type TaskFilter = {
  assigneeId?: string;
  status?: TaskStatus;
  entity?: string;
  recordId?: string;
  dueBefore?: number;
  /** Default 200, at most 1000. */
  limit?: number;
};

/** Tasks. */
export type TaskRepo = {
  insert(t: TaskRow): Promise<void>;
  get(id: string): Promise<TaskRow | null>;
  update(
    id: string,
    patch: Partial<Pick<TaskRow, 'assigneeId' | 'dueAt' | 'status' | 'completedAt'>>,
  ): Promise<void>;
  /** Open ones by due time first (no due time last), then newest. */
  /**
   * One page of tasks due first (no due time last), then newest; tasks `keep` refuses are
   * skipped and the page filled from later ones. Null for a cursor of another list.
   */
  page(q: TaskFilter, page: PageRequest, keep?: Keep<TaskRow>): Promise<Page<TaskRow> | null>;
  query(q: TaskFilter): Promise<TaskRow[]>;
};
