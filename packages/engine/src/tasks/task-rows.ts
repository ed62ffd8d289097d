import { keysetPage, type Page } from '@trellis/store';
import type { Runtime } from '../records/runtime';
import type { Task, TaskQuery, TaskStatus } from './types';

type Row = {
  [column: string]: unknown;
  id: string;
  entity: string | null;
  record_id: string | null;
  title: string;
  description: string | null;
  assignee_id: string | null;
  due_at: number | null;
  status: TaskStatus;
  completed_at: number | null;
  created_by: string | null;
  created_at: number;
  source: string | null;
};

function fromRow(r: Row): Task {
  let source: unknown = null;
  try {
    source = r.source === null ? null : JSON.parse(r.source);
  } catch {
    source = r.source;
  }
  return {
    id: r.id,
    entity: r.entity,
    recordId: r.record_id,
    title: r.title,
    description: r.description,
    assigneeId: r.assignee_id,
    dueAt: r.due_at,
    status: r.status,
    completedAt: r.completed_at,
    createdBy: r.created_by,
    createdAt: r.created_at,
    source,
  };
}

export function insertTask(rt: Runtime, t: Task): void {
  rt.stmt(
    `INSERT INTO tasks (id, entity, record_id, title, description, assignee_id, due_at, status, completed_at, created_by, created_at, source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    t.id,
    t.entity,
    t.recordId,
    t.title,
    t.description,
    t.assigneeId,
    t.dueAt,
    t.status,
    t.completedAt,
    t.createdBy,
    t.createdAt,
    t.source === null || t.source === undefined ? null : JSON.stringify(t.source),
  );
}

export function getTask(rt: Runtime, id: string): Task | null {
  const row = rt.stmt('SELECT * FROM tasks WHERE id = ?').get(id) as Row | undefined;
  return row ? fromRow(row) : null;
}

export function setTask(
  rt: Runtime,
  id: string,
  patch: {
    assigneeId?: string | null;
    dueAt?: number | null;
    status?: TaskStatus;
    completedAt?: number | null;
  },
): void {
  const sets: string[] = [];
  const params: unknown[] = [];
  const cols: [keyof typeof patch, string][] = [
    ['assigneeId', 'assignee_id'],
    ['dueAt', 'due_at'],
    ['status', 'status'],
    ['completedAt', 'completed_at'],
  ];
  for (const [key, col] of cols) {
    if (patch[key] === undefined) continue;
    sets.push(`${col} = ?`);
    params.push(patch[key]);
  }
  if (sets.length > 0)
    rt.stmt(`UPDATE tasks SET ${sets.join(', ')} WHERE id = ?`).run(...params, id);
}

/** Tasks matching the query: open ones by due time first (no due time last), then newest. */
export function queryTasks(rt: Runtime, q: TaskQuery): Task[] {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    where.push(sql);
    params.push(v);
  };
  if (q.assigneeId !== undefined) add('assignee_id = ?', q.assigneeId);
  if (q.status !== undefined) add('status = ?', q.status);
  if (q.entity !== undefined) add('entity = ?', q.entity);
  if (q.recordId !== undefined) add('record_id = ?', q.recordId);
  if (q.dueBefore !== undefined) add('due_at < ?', q.dueBefore);
  const sql = `SELECT * FROM tasks${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY due_at IS NULL, due_at, created_at DESC, id LIMIT ?`;
  return (rt.stmt(sql).all(...params, Math.min(1000, Math.max(1, q.limit ?? 200))) as Row[]).map(
    fromRow,
  );
}

/** Due first (tasks without a due time last), then newest: the order of a person's task list. */
const TASK_ORDER = [
  {
    column: 'coalesce(due_at, 9007199254740991)',
    as: 'due_key',
    dir: 'asc' as const,
    notNull: true,
  },
  { column: 'created_at', dir: 'desc' as const, notNull: true },
  { column: 'id', dir: 'asc' as const, notNull: true },
];

/**
 * One page of tasks matching `q`, after `q.cursor`, skipping those `keep` refuses (a page is
 * filled from the tasks after them). Null when the cursor is not one of this list's.
 */
export function pageTasks(
  rt: Runtime,
  q: TaskQuery,
  keep: (task: Task) => boolean,
): Page<Task> | null {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    where.push(sql);
    params.push(v);
  };
  if (q.assigneeId !== undefined) add('assignee_id = ?', q.assigneeId);
  if (q.status !== undefined) add('status = ?', q.status);
  if (q.entity !== undefined) add('entity = ?', q.entity);
  if (q.recordId !== undefined) add('record_id = ?', q.recordId);
  if (q.dueBefore !== undefined) add('due_at < ?', q.dueBefore);
  const converted = new WeakMap<Row, Task>();
  const taskOf = (r: Row) => {
    let t = converted.get(r);
    if (!t) converted.set(r, (t = fromRow(r)));
    return t;
  };
  const page = keysetPage<Row>(rt.db, {
    from: 'tasks',
    where,
    params,
    keys: TASK_ORDER,
    limit: Math.min(1000, Math.max(1, q.limit ?? 50)),
    cursor: q.cursor ?? null,
    signature: 'tasks',
    keep: (r) => keep(taskOf(r)),
  });
  return page && { items: page.items.map(taskOf), nextCursor: page.nextCursor };
}
