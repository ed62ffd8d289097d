/** The variable that sets how long processed events and automation runs are kept. */
export const RETENTION_VARIABLE = 'TRELLIS_RETENTION_DAYS';
const DAY_MS = 24 * 3_600_000;

/**
 * Retention from the environment: whole days (0 keeps everything); unset: the engine's default
 * (30 days). A bad value is refused with the variable's name.
 */
export function envRetention(
  env: Record<string, string | undefined>,
): { ok: true; retentionMs?: number } | { ok: false; variable: string; value: string } {
  const raw = env[RETENTION_VARIABLE];
  if (raw === undefined || raw.trim() === '') return { ok: true };
  const days = Number(raw.trim());
  if (!Number.isSafeInteger(days) || days < 0)
    return { ok: false, variable: RETENTION_VARIABLE, value: raw };
  return { ok: true, retentionMs: days * DAY_MS };
}
