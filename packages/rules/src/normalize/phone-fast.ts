import type { MetadataJson } from 'libphonenumber-js/core';

/** What the fast path needs of one calling code's numbering plan, its patterns compiled once. */
type Plan = {
  national: RegExp;
  /** National prefix for parsing (or the national prefix), anchored at the start; null: none. */
  prefix: RegExp | null;
  mobile: RegExp;
  mobileLengths: readonly number[] | undefined;
};

// Per metadata object (full on the server, small on public pages), per calling code.
const plans = new WeakMap<MetadataJson, Map<string, Plan | null>>();

// The metadata's array layout (v4, libphonenumber-js >= 1.7.35): see its metadata.js.
const NATIONAL_PATTERN = 2;
const POSSIBLE_LENGTHS = 3;
const NATIONAL_PREFIX = 5;
const NATIONAL_PREFIX_FOR_PARSING = 7;
const TYPES = 11;
const MOBILE = 1;

type Country = readonly unknown[];

function planOf(metadata: MetadataJson, code: string): Plan | null {
  let byCode = plans.get(metadata);
  if (!byCode) plans.set(metadata, (byCode = new Map()));
  const known = byCode.get(code);
  if (known !== undefined) return known;
  const json = metadata as unknown as {
    country_calling_codes: Record<string, readonly string[]>;
    countries: Record<string, Country>;
  };
  const countries = json.country_calling_codes[code];
  // Only a code of one country: with several, libphonenumber picks the country by leading digits.
  const country = countries?.length === 1 ? json.countries[countries[0]!] : undefined;
  const types = country?.[TYPES] as readonly (readonly [string, number[]?])[] | undefined;
  const mobile = types?.[MOBILE];
  const prefix = (country?.[NATIONAL_PREFIX_FOR_PARSING] ?? country?.[NATIONAL_PREFIX]) as
    string | undefined;
  const plan =
    country && mobile?.[0]
      ? {
          national: new RegExp(`^(?:${country[NATIONAL_PATTERN] as string})$`),
          prefix: prefix ? new RegExp(`^(?:${prefix})`) : null,
          mobile: new RegExp(`^(?:${mobile[0]})$`),
          // A type without its own lengths has the plan's (libphonenumber's Type.possibleLengths).
          mobileLengths: mobile[1] ?? (country[POSSIBLE_LENGTHS] as number[] | undefined),
        }
      : null;
  byCode.set(code, plan);
  return plan;
}

/**
 * Whether `text` is a mobile number already written in E.164 ("+8613800138000") that
 * libphonenumber would accept unchanged — the form in which seeds, imports and intake mostly
 * hand numbers over. Decided from the same metadata libphonenumber reads, with its patterns
 * compiled once: libphonenumber builds each regular expression from text on every call (the
 * fixed-line pattern of CN alone is 3 KB), which made phone parsing a large share of a seed's
 * record rules. `false` means "ask libphonenumber", never "invalid".
 *
 * It mirrors libphonenumber's steps for such input: the calling code is the shortest prefix that
 * is one; a calling code of several countries is left to libphonenumber; no national prefix may
 * be strippable; the national number must match the plan's pattern and its mobile pattern and
 * length (then getNumberType answers MOBILE or FIXED_LINE_OR_MOBILE: valid, and the E.164 value
 * is the input). phone-fast.property.test.ts compares it with libphonenumber on many numbers.
 */
export function isCanonicalMobile(text: string, metadata: MetadataJson): boolean {
  if (text.length < 4 || text.length > 20 || text.charCodeAt(0) !== 43 /* + */) return false;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  if (text[1] === '0') return false;
  const codes = (metadata as unknown as { country_calling_codes: Record<string, unknown> })
    .country_calling_codes;
  for (let len = 1; len <= 3; len++) {
    const code = text.slice(1, 1 + len);
    if (codes[code] === undefined) continue;
    const plan = planOf(metadata, code);
    if (!plan) return false;
    const national = text.slice(1 + len);
    if (national.length < 2 || national.length > 17) return false;
    if (plan.prefix?.test(national)) return false;
    if (plan.mobileLengths && !plan.mobileLengths.includes(national.length)) return false;
    return plan.national.test(national) && plan.mobile.test(national);
  }
  return false;
}

const IDD = 1;
const idds = new WeakMap<MetadataJson, Map<string, RegExp | null>>();

/** The region's international dialling prefix, anchored at the start; null when it has none. */
function iddOf(metadata: MetadataJson, region: string, country: Country): RegExp | null {
  let byRegion = idds.get(metadata);
  if (!byRegion) idds.set(metadata, (byRegion = new Map()));
  let re = byRegion.get(region);
  if (re === undefined) {
    const pattern = country[IDD];
    re = typeof pattern === 'string' && pattern !== '' ? new RegExp(`^(?:${pattern})`) : null;
    byRegion.set(region, re);
  }
  return re;
}

/**
 * A mobile number written nationally, digits only ("13800138000" in CN), as the E.164 value
 * libphonenumber would give for `region` — or null: "ask libphonenumber". The digits must not
 * start with 0 (a national prefix) nor with the region's international prefix; the rest is
 * isCanonicalMobile's check of "+<the region's calling code><digits>", which libphonenumber
 * answers the same way for a number without a calling code of its own
 * (phone-fast.property.test.ts compares them).
 */
export function nationalMobileE164(
  text: string,
  region: string,
  metadata: MetadataJson,
): string | null {
  if (text.length < 2 || text.length > 17 || text.charCodeAt(0) === 48 /* 0 */) return null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  const country = (metadata as unknown as { countries: Record<string, Country | undefined> })
    .countries[region];
  const code = country?.[0];
  if (!country || typeof code !== 'string') return null;
  // CN's international prefix includes 1[12]xx00 and 179xx00: such digits dial abroad.
  if (iddOf(metadata, region, country)?.test(text)) return null;
  const e164 = `+${code}${text}`;
  return isCanonicalMobile(e164, metadata) ? e164 : null;
}
