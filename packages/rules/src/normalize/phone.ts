import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type PhoneResult = { ok: true; value: string } | { ok: false; value: string };

/**
 * Normalizes a phone number to E.164 using `defaultRegion` for numbers written without a
 * country code, so "+86 138-0013-8000", "8613800138000", "138 0013 8000" and full-width
 * "１３８００１３８０００" all become "+8613800138000". Invalid numbers are reported, not guessed.
 */
export function normalizePhone(input: string, defaultRegion = 'CN'): PhoneResult {
  const text = input.normalize('NFKC').trim();
  const parsed = parsePhoneNumberFromString(text, defaultRegion as CountryCode);
  if (parsed && parsed.isValid()) return { ok: true, value: parsed.number };
  return { ok: false, value: text };
}
