import type { FileRepo, FileRow } from '../api/files';
import type { SqlDialectName } from '@trellis/logic';
import type { IdempotencyRepo } from '../api/idempotency';
import type { IntakeLogEntry, IntakeLogRepo, IntakeReason, IntakeStatus } from '../api/intake-log';
import type { WebhookSecretRepo } from '../api/webhook-secrets';
import { fromJson, fromNum, marks, type Row, type SqlExec } from './exec';

const LOG_COLS =
  'id, kind, source_key, status, http_status, reasons, record_id, ip, idempotency_key, at';

function toEntry(r: Row): IntakeLogEntry {
  return {
    id: String(r.id),
    kind: r.kind as IntakeLogEntry['kind'],
    sourceKey: String(r.source_key),
    status: r.status as IntakeStatus,
    httpStatus: fromNum(r.http_status),
    reasons: fromJson<IntakeReason[] | null>(r.reasons, null),
    recordId: (r.record_id as string | null) ?? null,
    ip: (r.ip as string | null) ?? null,
    idempotencyKey: (r.idempotency_key as string | null) ?? null,
    at: fromNum(r.at),
  };
}

const DAY_MS = 86_400_000;

/** intake_log over portable SQL. */
export function intakeLogRepo(x: SqlExec): IntakeLogRepo {
  return {
    async append(e) {
      await x.run(`INSERT INTO intake_log (${LOG_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        e.id,
        e.kind,
        e.sourceKey.slice(0, 100),
        e.status,
        e.httpStatus,
        e.reasons ? JSON.stringify(e.reasons.slice(0, 20)) : null,
        e.recordId,
        e.ip,
        e.idempotencyKey,
        e.at,
      ]);
    },
    async last(kind, sourceKey, statuses, after) {
      const cond = after === undefined ? '' : ' AND at > ?';
      const r = await x.get(
        `SELECT ${LOG_COLS} FROM intake_log WHERE kind = ? AND source_key = ? AND status IN (${marks(statuses.length)})${cond} ORDER BY at DESC, id DESC LIMIT 1`,
        after === undefined
          ? [kind, sourceKey, ...statuses]
          : [kind, sourceKey, ...statuses, after],
      );
      return r ? toEntry(r) : null;
    },
    async daily(kind, sourceKey, since) {
      // Grouped in code: day arithmetic differs between dialects, a source's log is small.
      const rows = await x.all(
        'SELECT status, at FROM intake_log WHERE kind = ? AND source_key = ? AND at >= ?',
        [kind, sourceKey, since],
      );
      const counts = new Map<string, { day: number; status: IntakeStatus; count: number }>();
      for (const r of rows) {
        const day = Math.floor(fromNum(r.at) / DAY_MS);
        const status = r.status as IntakeStatus;
        const k = `${day}\u0000${status}`;
        const c = counts.get(k) ?? { day, status, count: 0 };
        c.count++;
        counts.set(k, c);
      }
      return [...counts.values()].sort((a, b) => a.day - b.day || a.status.localeCompare(b.status));
    },
    async recent(kind, sourceKey, limit) {
      const rows = await x.all(
        `SELECT ${LOG_COLS} FROM intake_log WHERE kind = ? AND source_key = ? ORDER BY at DESC, id DESC LIMIT ?`,
        [kind, sourceKey, limit],
      );
      return rows.map(toEntry);
    },
  };
}

/** idempotency_keys over portable SQL. */
export function idempotencyRepo(x: SqlExec, dialect: SqlDialectName): IdempotencyRepo {
  return {
    async hold(key) {
      if (dialect === 'postgres')
        await x.run('SELECT pg_advisory_xact_lock(hashtextextended(?, 1))', [key]);
    },
    async get(key) {
      const r = await x.get('SELECT status_code, response FROM idempotency_keys WHERE key = ?', [
        key,
      ]);
      if (!r || r.status_code === null || r.status_code === undefined) return null;
      return { status: fromNum(r.status_code), body: fromJson<unknown>(r.response, null) };
    },
    async put(key, scope, reply, at) {
      await x.run(
        'INSERT INTO idempotency_keys (key, scope, status_code, response, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING',
        [key, scope, reply.status, JSON.stringify(reply.body), at],
      );
    },
  };
}

/** webhook_secrets over portable SQL. */
export function webhookSecretRepo(x: SqlExec): WebhookSecretRepo {
  return {
    async get(sourceKey) {
      const r = await x.get(
        'SELECT secret_hash_or_enc AS v FROM webhook_secrets WHERE source_key = ?',
        [sourceKey],
      );
      return (r?.v as string | undefined) ?? null;
    },
    async put(sourceKey, value, now) {
      await x.run(
        'INSERT INTO webhook_secrets (source_key, secret_hash_or_enc, created_at) VALUES (?, ?, ?) ON CONFLICT (source_key) DO UPDATE SET secret_hash_or_enc = excluded.secret_hash_or_enc, created_at = excluded.created_at',
        [sourceKey, value, now],
      );
    },
  };
}

const FILE_COLS = 'id, name, mime, size, sha256, storage_path, created_by, created_at';

/** files over portable SQL. */
export function fileRepo(x: SqlExec): FileRepo {
  return {
    async insert(f) {
      await x.run(`INSERT INTO files (${FILE_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
        f.id,
        f.name,
        f.mime,
        f.size,
        f.sha256,
        f.storagePath,
        f.createdBy,
        f.createdAt,
      ]);
    },
    async get(id) {
      const r = await x.get(`SELECT ${FILE_COLS} FROM files WHERE id = ?`, [id]);
      return r
        ? ({
            id: String(r.id),
            name: String(r.name),
            mime: String(r.mime),
            size: fromNum(r.size),
            sha256: String(r.sha256),
            storagePath: String(r.storage_path),
            createdBy: (r.created_by as string | null) ?? null,
            createdAt: fromNum(r.created_at),
          } satisfies FileRow)
        : null;
    },
  };
}
