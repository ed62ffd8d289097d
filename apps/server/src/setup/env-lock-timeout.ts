/** The variable that sets how long a write waits for a PostgreSQL row lock before it gives up. */
export const LOCK_TIMEOUT_VARIABLE = 'TRELLIS_PG_LOCK_TIMEOUT_MS';
/**
 * The writer's default: a transaction holding a record's row for longer (one stuck in another
 * client, a long manual UPDATE) turns every save of that record into 503 database_busy after
 * this, instead of a request that hangs as long as the lock is held. Far above what the
 * writers' own transactions hold a row for (milliseconds).
 */
const DEFAULT_LOCK_TIMEOUT_MS = 5000;
/** PostgreSQL's largest lock_timeout (an int of milliseconds). */
const MAX_MS = 2_147_483_647;

/**
 * The writer's default lock timeout on PostgreSQL from the environment, in milliseconds: unset,
 * 5,000; 0 sets none (a write waits as long as the lock is held). The database's own setting
 * (URL, role, database, server) wins over either (store OpenStoreOptions.lockTimeoutMs). A bad
 * value is refused with the variable's name.
 */
export function envLockTimeout(
  env: Record<string, string | undefined>,
): { ok: true; lockTimeoutMs: number } | { ok: false; variable: string; value: string } {
  const raw = env[LOCK_TIMEOUT_VARIABLE];
  if (raw === undefined || raw.trim() === '')
    return { ok: true, lockTimeoutMs: DEFAULT_LOCK_TIMEOUT_MS };
  const ms = Number(raw.trim());
  if (!Number.isSafeInteger(ms) || ms < 0 || ms > MAX_MS)
    return { ok: false, variable: LOCK_TIMEOUT_VARIABLE, value: raw };
  return { ok: true, lockTimeoutMs: ms };
}
