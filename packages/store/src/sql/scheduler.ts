import type { AssignmentRepo } from '../api/assignment';
import type { SchedulerRepo } from '../api/scheduler';
import { fromJson, fromNum, fromNumOrNull, type SqlExec } from './exec';

/** scheduler_state over portable SQL. */
export function schedulerRepo(x: SqlExec): SchedulerRepo {
  return {
    async get(key) {
      const r = await x.get(
        'SELECT last_fired_at, next_due_at FROM scheduler_state WHERE key = ?',
        [key],
      );
      return r
        ? { lastFiredAt: fromNumOrNull(r.last_fired_at), nextDueAt: fromNumOrNull(r.next_due_at) }
        : null;
    },
    async fired(key, at, now) {
      await x.run(
        `INSERT INTO scheduler_state (key, last_fired_at, next_due_at, updated_at) VALUES (?, ?, NULL, ?)
         ON CONFLICT (key) DO UPDATE SET last_fired_at = excluded.last_fired_at, updated_at = excluded.updated_at`,
        [key, at, now],
      );
    },
    async schedule(key, firedAt, nextDueAt, now) {
      await x.run(
        `INSERT INTO scheduler_state (key, last_fired_at, next_due_at, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET last_fired_at = COALESCE(excluded.last_fired_at, scheduler_state.last_fired_at), next_due_at = excluded.next_due_at, updated_at = excluded.updated_at`,
        [key, firedAt, nextDueAt, now],
      );
    },
    async scheduleFrom(key, seen, firedAt, nextDueAt, now) {
      if (seen === null) {
        const made = await x.run(
          `INSERT INTO scheduler_state (key, last_fired_at, next_due_at, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (key) DO NOTHING`,
          [key, firedAt, nextDueAt, now],
        );
        return made.changes > 0;
      }
      const due = seen.nextDueAt === null ? 'next_due_at IS NULL' : 'next_due_at = ?';
      const moved = await x.run(
        `UPDATE scheduler_state SET last_fired_at = COALESCE(?, last_fired_at), next_due_at = ?, updated_at = ?
         WHERE key = ? AND ${due}`,
        [firedAt, nextDueAt, now, key, ...(seen.nextDueAt === null ? [] : [seen.nextDueAt])],
      );
      return moved.changes > 0;
    },
  };
}

/** assignment_state over portable SQL; open loads come from the adapter. */
export function assignmentRepo(x: SqlExec, openLoads: AssignmentRepo['openLoads']): AssignmentRepo {
  return {
    async getState(key) {
      const r = await x.get('SELECT cursor, data FROM assignment_state WHERE key = ?', [key]);
      return r
        ? { cursor: fromNum(r.cursor), data: fromJson<Record<string, unknown>>(r.data, {}) }
        : { cursor: 0, data: {} };
    },
    async putState(key, state, now) {
      await x.run(
        `INSERT INTO assignment_state (key, cursor, data, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET cursor = excluded.cursor, data = excluded.data, updated_at = excluded.updated_at`,
        [key, state.cursor, JSON.stringify(state.data), now],
      );
    },
    openLoads,
  };
}
