import type { StoreDb } from '@trellis/store';
import { newId } from '@trellis/store';

export type IntakeKind = 'form' | 'webhook';
export type IntakeStatus = 'accepted' | 'merged' | 'rejected' | 'unauthorized';
export type IntakeReason = { path: string; code: string; message: string };

/** Writes of intake bookkeeping: the log and idempotency replies (the engine writes touches). */
export function intakeStore(db: StoreDb) {
  const s = db.sqlite;
  const logStmt = s.prepare(
    'INSERT INTO intake_log (id, kind, source_key, status, http_status, reasons, record_id, ip, idempotency_key, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const idemGet = s.prepare('SELECT status_code, response FROM idempotency_keys WHERE key = ?');
  const idemPut = s.prepare(
    'INSERT OR IGNORE INTO idempotency_keys (key, scope, status_code, response, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  return {
    log(
      entry: {
        kind: IntakeKind;
        source: string;
        status: IntakeStatus;
        httpStatus: number;
        reasons?: IntakeReason[];
        recordId?: string | null;
        ip: string;
        idempotencyKey?: string | null;
      },
      at: number,
    ): void {
      logStmt.run(
        newId(),
        entry.kind,
        entry.source.slice(0, 100),
        entry.status,
        entry.httpStatus,
        entry.reasons ? JSON.stringify(entry.reasons.slice(0, 20)) : null,
        entry.recordId ?? null,
        entry.ip,
        entry.idempotencyKey ?? null,
        at,
      );
    },
    replay(key: string): { status: number; body: unknown } | null {
      const row = idemGet.get(key) as
        { status_code: number | null; response: string | null } | undefined;
      if (!row || row.status_code === null) return null;
      return { status: row.status_code, body: row.response ? JSON.parse(row.response) : null };
    },
    remember(key: string, scope: string, status: number, body: unknown, at: number): void {
      idemPut.run(key, scope, status, JSON.stringify(body), at);
    },
  };
}

export type IntakeStore = ReturnType<typeof intakeStore>;
