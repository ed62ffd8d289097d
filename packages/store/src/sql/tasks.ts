import { keysetPage } from './keyset-page';
import type { TaskFilter, TaskRepo, TaskRow, TaskStatus } from '../api/tasks';
import { fromJson, fromNum, fromNumOrNull, toJson, type Row, type SqlExec } from './exec';

const COLS =
  'id, entity, record_id, title, description, assignee_id, due_at, status, completed_at, created_by, created_at, source';

function toTask(r: Row): TaskRow {
  return {
    id: String(r.id),
    entity: (r.entity as string | null) ?? null,
    recordId: (r.record_id as string | null) ?? null,
    title: String(r.title),
    description: (r.description as string | null) ?? null,
    assigneeId: (r.assignee_id as string | null) ?? null,
    dueAt: fromNumOrNull(r.due_at),
    status: r.status as TaskStatus,
    completedAt: fromNumOrNull(r.completed_at),
    createdBy: (r.created_by as string | null) ?? null,
    createdAt: fromNum(r.created_at),
    // A hand-edited cell is shown as it is rather than lost.
    source: fromJson<unknown>(r.source, typeof r.source === 'string' ? r.source : null),
  };
}

const PATCH_COLUMNS = [
  ['assigneeId', 'assignee_id'],
  ['dueAt', 'due_at'],
  ['status', 'status'],
  ['completedAt', 'completed_at'],
] as const;

/** tasks over portable SQL. */
export function taskRepo(x: SqlExec): TaskRepo {
  return {
    async insert(t) {
      await x.run(`INSERT INTO tasks (${COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
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
        toJson(t.source),
      ]);
    },
    async get(id) {
      const r = await x.get(`SELECT ${COLS} FROM tasks WHERE id = ?`, [id]);
      return r ? toTask(r) : null;
    },
    async update(id, patch) {
      const sets: string[] = [];
      const params: unknown[] = [];
      for (const [key, col] of PATCH_COLUMNS) {
        if (patch[key] === undefined) continue;
        sets.push(`${col} = ?`);
        params.push(patch[key]);
      }
      if (sets.length > 0)
        await x.run(`UPDATE tasks SET ${sets.join(', ')} WHERE id = ?`, [...params, id]);
    },
    page(q, page, keep) {
      const { where, params } = taskWhere(q);
      // Due first (tasks without a due time last), then newest: a person's task list.
      return keysetPage(x, {
        select: COLS,
        from: 'tasks',
        where,
        params,
        keys: [
          { column: 'coalesce(due_at, 9007199254740991)', dir: 'asc', notNull: true },
          { column: 'created_at', dir: 'desc', notNull: true },
          { column: 'id', dir: 'asc', notNull: true },
        ],
        page,
        signature: 'tasks',
        map: toTask,
        keep,
      });
    },
    async query(q) {
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
      const limit = Math.min(1000, Math.max(1, q.limit ?? 200));
      const rows = await x.all(
        `SELECT ${COLS} FROM tasks${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, created_at DESC, id LIMIT ?`,
        [...params, limit],
      );
      return rows.map(toTask);
    },
  };
}

/** WHERE clauses of a task filter. */
function taskWhere(q: TaskFilter): { where: string[]; params: unknown[] } {
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
  return { where, params };
}
