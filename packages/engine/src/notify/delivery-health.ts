import { stmt, type Db } from '../automations/db';
import type { RunLog } from '../automations/types';

/** Where one queued webhook delivery stands (shown on the run that queued it). */
export type DeliveryState = {
  id: string;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  lastError: string | null;
  deliveredAt: number | null;
};

/** Delivery health: counts by status and the latest failures (refused targets among them). */
export type DeliveryHealth = {
  pending: number;
  delivered: number;
  dead: number;
  /** Newest first: deliveries that failed at least once, with the host they went to and why. */
  failures: (DeliveryState & { host: string; createdAt: number })[];
};

type Row = {
  id: string;
  url: string;
  status: DeliveryState['status'];
  attempts: number;
  last_error: string | null;
  delivered_at: number | null;
  created_at: number;
};

const state = (r: Row): DeliveryState => ({
  id: r.id,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  deliveredAt: r.delivered_at,
});

/** Only the host: a robot URL carries its access token in the query. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/**
 * Adds to each action of the runs that queued a webhook delivery where that delivery stands,
 * so the run log says when a delivery was refused or dead-lettered after the run succeeded.
 */
export function withDeliveries(db: Db, runs: RunLog[]): RunLog[] {
  const get = stmt(
    db,
    'SELECT id, url, status, attempts, last_error, delivered_at, created_at FROM webhook_deliveries WHERE id = ?',
  );
  return runs.map((run) => ({
    ...run,
    actions: run.actions.map((a) => {
      const id = a.result?.ok ? a.result.data?.deliveryId : undefined;
      const row = typeof id === 'string' ? (get.get(id) as Row | undefined) : undefined;
      return row ? { ...a, delivery: state(row) } : a;
    }),
  }));
}

/** Counts of webhook deliveries by status and the latest `limit` that failed. */
export function deliveryHealth(db: Db, limit = 20): DeliveryHealth {
  const counts = stmt(
    db,
    'SELECT status, count(*) AS n FROM webhook_deliveries GROUP BY status',
  ).all() as { status: string; n: number }[];
  const n = (s: string) => counts.find((c) => c.status === s)?.n ?? 0;
  const failures = (
    stmt(
      db,
      'SELECT id, url, status, attempts, last_error, delivered_at, created_at FROM webhook_deliveries WHERE last_error IS NOT NULL ORDER BY created_at DESC LIMIT ?',
    ).all(limit) as Row[]
  ).map((r) => ({ ...state(r), host: hostOf(r.url), createdAt: r.created_at }));
  return { pending: n('pending'), delivered: n('delivered'), dead: n('dead'), failures };
}
