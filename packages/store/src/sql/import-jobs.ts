import type {
  ImportJob,
  ImportJobRepo,
  ImportJobStatus,
  ImportOutcome,
  ImportRowResult,
} from '../api/import-jobs';
import {
  fromBool,
  fromJson,
  fromNum,
  fromNumOrNull,
  marks,
  toJson,
  type Row,
  type SqlExec,
} from './exec';
import { insertRows } from './multi-row';

const JOB_COLS =
  'id, entity, dry_run, status, created_by, file_name, file_path, options, rows_total, last_row, rows_done, created, updated, skipped, failed, error, created_at, updated_at, finished_at';

function toJob(r: Row): ImportJob {
  return {
    id: String(r.id),
    entity: String(r.entity),
    dryRun: fromBool(r.dry_run),
    status: r.status as ImportJobStatus,
    createdBy: String(r.created_by),
    fileName: String(r.file_name),
    filePath: String(r.file_path),
    options: fromJson<unknown>(r.options, {}),
    rowsTotal: fromNumOrNull(r.rows_total),
    lastRow: fromNum(r.last_row),
    rowsDone: fromNum(r.rows_done),
    created: fromNum(r.created),
    updated: fromNum(r.updated),
    skipped: fromNum(r.skipped),
    failed: fromNum(r.failed),
    error: (r.error as string | null) ?? null,
    createdAt: fromNum(r.created_at),
    updatedAt: fromNum(r.updated_at),
    finishedAt: fromNumOrNull(r.finished_at),
  };
}

function toRow(r: Row): ImportRowResult {
  return {
    jobId: String(r.job_id),
    row: fromNum(r.row_no),
    outcome: r.outcome as ImportOutcome,
    recordId: (r.record_id as string | null) ?? null,
    errors: fromJson<ImportRowResult['errors']>(r.errors, []),
    cells: fromJson<unknown[]>(r.cells, []),
  };
}

/** import_jobs and import_rows over portable SQL. */
export function importJobRepo(x: SqlExec): ImportJobRepo {
  return {
    async insert(j) {
      await x.run(`INSERT INTO import_jobs (${JOB_COLS}) VALUES (${marks(19)})`, [
        j.id,
        j.entity,
        j.dryRun ? 1 : 0,
        j.status,
        j.createdBy,
        j.fileName,
        j.filePath,
        toJson(j.options),
        j.rowsTotal,
        j.lastRow,
        j.rowsDone,
        j.created,
        j.updated,
        j.skipped,
        j.failed,
        j.error,
        j.createdAt,
        j.updatedAt,
        j.finishedAt,
      ]);
    },
    async get(id) {
      const r = await x.get(`SELECT ${JOB_COLS} FROM import_jobs WHERE id = ?`, [id]);
      return r ? toJob(r) : null;
    },
    async list(q) {
      const where: string[] = [];
      const params: unknown[] = [];
      for (const [column, value] of [
        ['entity', q.entity],
        ['created_by', q.createdBy],
      ] as const)
        if (value !== undefined) {
          where.push(`${column} = ?`);
          params.push(value);
        }
      const rows = await x.all(
        `SELECT ${JOB_COLS} FROM import_jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`,
        [...params, q.limit],
      );
      return rows.map(toJob);
    },
    async running() {
      const rows = await x.all(
        `SELECT ${JOB_COLS} FROM import_jobs WHERE status = 'running' ORDER BY created_at, id`,
      );
      return rows.map(toJob);
    },
    async lease(id, holder, until, now) {
      // One conditional UPDATE: on PostgreSQL a second taker waits for the first one's row lock
      // and then sees the new holder, so only one of them changes the row.
      const { changes } = await x.run(
        `UPDATE import_jobs SET lease_holder = ?, lease_until = ? WHERE id = ? AND status = 'running' AND (lease_holder IS NULL OR lease_holder = ? OR lease_until <= ?)`,
        [holder, until, id, holder, now],
      );
      return changes > 0;
    },
    async checkpoint(id, p, rows) {
      const set = `last_row = ?, rows_done = ?, created = ?, updated = ?, skipped = ?, failed = ?, updated_at = ?`;
      const counts = [p.lastRow, p.rowsDone, p.created, p.updated, p.skipped, p.failed, p.at];
      const { changes } = p.lease
        ? await x.run(
            `UPDATE import_jobs SET ${set}, lease_until = ? WHERE id = ? AND status = 'running' AND lease_holder = ?`,
            [...counts, p.lease.until, id, p.lease.holder],
          )
        : await x.run(`UPDATE import_jobs SET ${set} WHERE id = ? AND status = 'running'`, [
            ...counts,
            id,
          ]);
      if (changes === 0) return false;
      // Multi-row statements: a dry run reports every row of a batch (on PostgreSQL one round
      // trip per 64 rows instead of per row).
      if (rows.length > 0)
        await insertRows(
          x,
          'INSERT INTO import_rows (job_id, row_no, outcome, record_id, errors, cells)',
          rows.map((r) => [
            id,
            r.row,
            r.outcome,
            r.recordId,
            JSON.stringify(r.errors),
            JSON.stringify(r.cells),
          ]),
          'ON CONFLICT (job_id, row_no) DO NOTHING',
        );
      return true;
    },
    async setTotal(id, rowsTotal, at) {
      await x.run('UPDATE import_jobs SET rows_total = ?, updated_at = ? WHERE id = ?', [
        rowsTotal,
        at,
        id,
      ]);
    },
    async finish(id, status, at, error = null) {
      const { changes } = await x.run(
        `UPDATE import_jobs SET status = ?, error = ?, updated_at = ?, finished_at = ? WHERE id = ? AND status = 'running'`,
        [status, error, at, at, id],
      );
      return changes > 0;
    },
    async rows(id, q) {
      const params: unknown[] = [id, q.afterRow ?? 0];
      let cond = '';
      if (q.outcomes && q.outcomes.length > 0) {
        cond = ` AND outcome IN (${marks(q.outcomes.length)})`;
        params.push(...q.outcomes);
      }
      const rows = await x.all(
        `SELECT job_id, row_no, outcome, record_id, errors, cells FROM import_rows WHERE job_id = ? AND row_no > ?${cond} ORDER BY row_no LIMIT ?`,
        [...params, q.limit],
      );
      return rows.map(toRow);
    },
    async remove(id) {
      await x.run('DELETE FROM import_rows WHERE job_id = ?', [id]);
      await x.run('DELETE FROM import_jobs WHERE id = ?', [id]);
    },
  };
}
