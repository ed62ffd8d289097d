/** An outbound webhook call queued by an automation. */
export type NewDelivery = {
  id: string;
  runKey: string;
  url: string;
  payload: unknown;
  headers: Record<string, string>;
  nextAttemptAt: number;
  createdAt: number;
};

/** A delivery taken for sending. */
export type DueDelivery = {
  id: string;
  url: string;
  payload: unknown;
  headers: Record<string, string>;
  attempts: number;
};

/** A delivery as admins see it. */
export type DeliveryRow = DueDelivery & {
  runKey: string | null;
  status: 'pending' | 'delivered' | 'dead';
  nextAttemptAt: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
};

/** Webhook deliveries (`webhook_deliveries`). */
export type DeliveryRepo = {
  enqueue(d: NewDelivery): Promise<void>;
  /** Whether a pending delivery is due (a read). */
  anyDue(now: number): Promise<boolean>;
  /**
   * Takes up to `limit` due deliveries by moving their next attempt to `claimUntil`, so a
   * concurrent pass (another loop, another process) cannot send them twice.
   */
  claimDue(now: number, claimUntil: number, limit: number): Promise<DueDelivery[]>;
  delivered(id: string, attempts: number, at: number): Promise<void>;
  dead(id: string, attempts: number, error: string): Promise<void>;
  retry(id: string, attempts: number, error: string, nextAttemptAt: number): Promise<void>;
  get(id: string): Promise<DeliveryRow | null>;
  /** Newest first. */
  list(q?: { status?: DeliveryRow['status']; limit?: number }): Promise<DeliveryRow[]>;
  /** Counts by status and the latest `limit` deliveries that failed at least once (newest first). */
  health(limit: number): Promise<DeliveryCounts & { failures: DeliveryRow[] }>;
};

/** How many webhook deliveries stand in each status. */
export type DeliveryCounts = { pending: number; delivered: number; dead: number };
