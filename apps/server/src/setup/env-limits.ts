import type { Limits } from '../context';

/** Environment variable of each operator limit (docs/deploy.md lists them). */
export const LIMIT_VARIABLES: Record<keyof Limits, string> = {
  bodyBytes: 'TRELLIS_LIMIT_BODY_BYTES',
  fileBytes: 'TRELLIS_LIMIT_UPLOAD_BYTES',
  intakeBodyBytes: 'TRELLIS_LIMIT_INTAKE_BODY_BYTES',
  loginAttempts: 'TRELLIS_LIMIT_LOGIN_ATTEMPTS',
  intakePerMinute: 'TRELLIS_LIMIT_INTAKE_PER_MINUTE',
  maxPageSize: 'TRELLIS_LIMIT_PAGE_SIZE',
  importBytes: 'TRELLIS_LIMIT_IMPORT_BYTES',
};

/**
 * The limits an operator set in the environment (whole numbers; 0 only where it means
 * "unlimited": intake submissions per minute). A bad value is refused with the variable's name
 * so the server does not start on a typo.
 */
export function envLimits(
  env: Record<string, string | undefined>,
): { ok: true; limits: Partial<Limits> } | { ok: false; variable: string; value: string } {
  const limits: Partial<Limits> = {};
  for (const [key, variable] of Object.entries(LIMIT_VARIABLES) as [keyof Limits, string][]) {
    const raw = env[variable];
    if (raw === undefined || raw.trim() === '') continue;
    const n = Number(raw.trim());
    const min = key === 'intakePerMinute' ? 0 : 1;
    if (!Number.isSafeInteger(n) || n < min) return { ok: false, variable, value: raw };
    limits[key] = n;
  }
  return { ok: true, limits };
}
