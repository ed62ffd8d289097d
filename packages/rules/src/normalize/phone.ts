import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/core';
import type { RuleEnv } from '../env/types';
import { isCanonicalMobile, nationalMobileE164 } from './phone-fast';

/** `deferred`: the environment's metadata does not cover the number's calling code; the server judges it. */
export type PhoneResult =
  { ok: true; value: string; deferred?: true } | { ok: false; value: string };

/**
 * Digit groups split by single spaces or hyphens ("138 0013 8000", "+86 138-0013-8000"): how
 * people type a number into a form. libphonenumber drops such separators before it parses, so
 * the digits alone get its answer; the fast paths below then decide most of them (20 µs of
 * libphonenumber against ~1 µs: a spaced phone was ~6 % of an engine create).
 */
const GROUPED = /^\+?\d+(?:[ -]\d+)+$/;

// "+852 ...", "00852 ...", "(+86)..." -> the calling code after the international prefix, if it is a real one.
function callingCode(text: string, all: readonly string[]): string | null {
  const compact = text.replace(/[\s()\-.]/g, '');
  const digits = /^(?:\+|00|011)(\d+)/.exec(compact)?.[1] ?? '';
  for (const length of [1, 2, 3]) {
    const code = digits.slice(0, length);
    if (code.length === length && all.includes(code)) return code;
  }
  return null;
}

/**
 * Normalizes a phone number to E.164 using `defaultRegion` for numbers written without a
 * country code, so "+86 138-0013-8000", "8613800138000", "138 0013 8000" and full-width
 * "１３８００１３８０００" all become "+8613800138000". Invalid numbers are reported, not guessed.
 */
export function normalizePhone(
  input: string,
  defaultRegion: string,
  env: Pick<RuleEnv, 'phoneMetadata' | 'phone'>,
): PhoneResult {
  const text = input.normalize('NFKC').trim();
  if (env.phone) {
    const code = callingCode(text, env.phone.all);
    if (code !== null && !env.phone.covered.includes(code))
      return { ok: true, value: text, deferred: true };
  }
  const digits = GROUPED.test(text) ? text.replace(/[ -]/g, '') : text;
  // Most numbers arrive already in E.164: libphonenumber would give them back unchanged.
  if (isCanonicalMobile(digits, env.phoneMetadata)) return { ok: true, value: digits };
  // The next most common: a mobile typed nationally ("13800138000", "138 0013 8000").
  const national = nationalMobileE164(digits, defaultRegion, env.phoneMetadata);
  if (national !== null) return { ok: true, value: national };
  const parsed = parsePhoneNumberFromString(text, defaultRegion as CountryCode, env.phoneMetadata);
  if (parsed && parsed.isValid()) return { ok: true, value: parsed.number };
  return { ok: false, value: text };
}
