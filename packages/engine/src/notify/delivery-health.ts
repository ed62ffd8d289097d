import type { DeliveryRow, Repos } from '@trellis/store';
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

const state = (r: DeliveryRow): DeliveryState => ({
  id: r.id,
  status: r.status,
  attempts: r.attempts,
  lastError: r.lastError,
  deliveredAt: r.deliveredAt,
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
export async function withDeliveries(
  db: Pick<Repos, 'deliveries'>,
  runs: RunLog[],
): Promise<RunLog[]> {
  return Promise.all(
    runs.map(async (run) => ({
      ...run,
      actions: await Promise.all(
        run.actions.map(async (a) => {
          const id = a.result?.ok ? a.result.data?.deliveryId : undefined;
          const row = typeof id === 'string' ? await db.deliveries.get(id) : null;
          return row ? { ...a, delivery: state(row) } : a;
        }),
      ),
    })),
  );
}

/** Counts of webhook deliveries by status and the latest `limit` that failed. */
export async function deliveryHealth(
  db: Pick<Repos, 'deliveries'>,
  limit = 20,
): Promise<DeliveryHealth> {
  const h = await db.deliveries.health(limit);
  return {
    pending: h.pending,
    delivered: h.delivered,
    dead: h.dead,
    failures: h.failures.map((r) => ({ ...state(r), host: hostOf(r.url), createdAt: r.createdAt })),
  };
}
