export type EmailResult = { ok: true; value: string } | { ok: false; value: string };

// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is not our call.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** NFKC (full-width ＠ and letters fold), trim, lowercase the whole address. */
export function normalizeEmail(input: string): EmailResult {
  const value = input.normalize('NFKC').trim().toLowerCase();
  return EMAIL.test(value) ? { ok: true, value } : { ok: false, value };
}
