import fc from 'fast-check';
import examples from 'libphonenumber-js/examples.mobile.json';
import { getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import type { CountryCode, MetadataJson } from 'libphonenumber-js/core';
import { describe, expect, it } from 'vitest';
import { fullEnv } from '../env/full-env';
import { createRuleEnv, smallPhoneMetadata } from '../env/light-env';
import { normalizePhone } from './phone';
import { isCanonicalMobile, nationalMobileE164 } from './phone-fast';

const lightEnv = createRuleEnv(fullEnv.regions);
const metadatas: [string, MetadataJson][] = [
  ['max', fullEnv.phoneMetadata],
  ['small', smallPhoneMetadata],
];

/** normalizePhone as it was before the fast path: libphonenumber decides every number. */
function libphonenumber(input: string, metadata: MetadataJson, region = 'CN') {
  const text = input.normalize('NFKC').trim();
  const parsed = parsePhoneNumberFromString(text, region as CountryCode, metadata);
  return parsed && parsed.isValid()
    ? { ok: true, value: parsed.number }
    : { ok: false, value: text };
}

/** The fast path never says yes where libphonenumber would not give the same number back. */
function agrees(text: string): boolean {
  let fast = false;
  for (const [, metadata] of metadatas) {
    const yes = isCanonicalMobile(text, metadata);
    const want = libphonenumber(text, metadata);
    if (yes) expect(want, `${text} on the fast path`).toEqual({ ok: true, value: text });
    fast ||= yes;
  }
  // And normalizePhone as a whole answers what libphonenumber alone answers.
  expect(normalizePhone(text, 'CN', fullEnv)).toEqual(libphonenumber(text, fullEnv.phoneMetadata));
  const light = normalizePhone(text, 'CN', lightEnv);
  if (!(light.ok && light.deferred))
    expect(light).toEqual(libphonenumber(text, smallPhoneMetadata));
  return fast;
}

/** The national fast path gives exactly libphonenumber's number, or leaves the input to it. */
function agreesNationally(text: string, region: string): boolean {
  let fast = false;
  for (const [, metadata] of metadatas) {
    const got = nationalMobileE164(text, region, metadata);
    if (got !== null)
      expect(libphonenumber(text, metadata, region), `${text} in ${region}`).toEqual({
        ok: true,
        value: got,
      });
    fast ||= got !== null;
  }
  expect(normalizePhone(text, region, fullEnv)).toEqual(
    libphonenumber(text, fullEnv.phoneMetadata, region),
  );
  return fast;
}

const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));

/** `text` cut into groups at the given places, joined by the given separators (a space or a hyphen). */
function grouped(text: string, cuts: readonly number[], seps: readonly string[]): string {
  const at = [...new Set(cuts.map((c) => 1 + (c % Math.max(1, text.length - 1))))].sort(
    (a, b) => a - b,
  );
  let out = '';
  let from = 0;
  at.forEach((cut, i) => {
    out += text.slice(from, cut) + (seps[i % seps.length] ?? ' ');
    from = cut;
  });
  return out + text.slice(from);
}

describe('the E.164 fast path of normalizePhone, against libphonenumber', () => {
  it('agrees on every mainland number of 11 digits after +86, prefix by prefix (1000–1999)', () => {
    let fast = 0;
    let cases = 0;
    const rand = fc.sample(digits(7), { numRuns: 1000 * 8, seed: 86 });
    for (let prefix = 1000; prefix <= 1999; prefix++)
      for (let k = 0; k < 8; k++) {
        cases++;
        if (agrees(`+86${prefix}${rand[(prefix - 1000) * 8 + k]!}`)) fast++;
      }
    // The path is taken for the mobile ranges (about half of 13x–19x), not only in theory.
    expect(fast).toBeGreaterThan(cases * 0.4);
  });

  it('takes the fast path for the mobile example number of every country with its own calling code', () => {
    let taken = 0;
    for (const [country, national] of Object.entries(examples as Record<string, string>)) {
      let code: string;
      try {
        code = getCountryCallingCode(country as CountryCode, fullEnv.phoneMetadata);
      } catch {
        continue;
      }
      const text = `+${code}${national}`;
      if (agrees(text)) taken++;
      // The same digits changed one at a time: valid or not, the answers agree.
      for (let i = 0; i < national.length; i++)
        agrees(
          `+${code}${national.slice(0, i)}${(Number(national[i]) + 3) % 10}${national.slice(i + 1)}`,
        );
      agrees(`+${code}${national}0`);
      agrees(`+${code}${national.slice(0, -1)}`);
    }
    expect(taken).toBeGreaterThan(150);
  });

  it('agrees on any + and digits, and on numbers written in other ways', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.stringMatching(/^\+[0-9]{1,20}$/),
          fc.stringMatching(/^\+(86|852|853|886|1|7|44|61|81|82|65|60|49|33|39|91)[0-9]{4,13}$/),
          fc.stringMatching(/^[+0-9 ()-]{1,20}$/),
          fc.stringMatching(/^\+861[0-9]{9,11}$/),
        ),
        (text) => {
          agrees(text);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('agrees on every mainland mobile written nationally (100–199 and 10000–19999 prefixes)', () => {
    let fast = 0;
    const rand = fc.sample(digits(8), { numRuns: 100 * 20, seed: 11 });
    for (let prefix = 100; prefix <= 199; prefix++)
      for (let k = 0; k < 20; k++)
        if (agreesNationally(`${prefix}${rand[(prefix - 100) * 20 + k]!}`, 'CN')) fast++;
    expect(fast).toBeGreaterThan(600);
    // The international prefixes CN dials abroad with (1[12]xx00, 179xx00) are not mobiles.
    for (let prefix = 10000; prefix <= 19999; prefix++) agreesNationally(`${prefix}005678`, 'CN');
    for (const text of [
      '013800138000',
      '8613800138000',
      '1380013800',
      '138001380001',
      '00861380013',
    ])
      expect(agreesNationally(text, 'CN')).toBe(false);
  });

  it('answers a number typed in groups of digits (spaces, hyphens) as libphonenumber does, from its digits', () => {
    const written = [
      '138 0013 8000',
      '138-0013-8000',
      '+86 138 0013 8000',
      '+86-138-0013-8000',
      '86 138 0013 8000',
      '0138 0013 8000',
      '010 6552 9988',
      '+852 6123 4567',
      '138 0013 800',
      '1380 0138 0001',
    ];
    for (const text of written) {
      expect(normalizePhone(text, 'CN', fullEnv), text).toEqual(
        libphonenumber(text, fullEnv.phoneMetadata),
      );
      const light = normalizePhone(text, 'CN', lightEnv);
      if (!(light.ok && light.deferred))
        expect(light, text).toEqual(libphonenumber(text, smallPhoneMetadata));
    }
    // The same answer as for the digits alone, which the fast paths decide.
    expect(normalizePhone('138 0013 8000', 'CN', fullEnv)).toEqual(
      normalizePhone('13800138000', 'CN', fullEnv),
    );
    expect(nationalMobileE164('13800138000', 'CN', fullEnv.phoneMetadata)).toBe('+8613800138000');
    // Mobiles and example numbers of every country, national and international, cut anywhere.
    const cases: [string, string][] = [];
    for (const [country, national] of Object.entries(examples as Record<string, string>)) {
      cases.push([national, country]);
      try {
        cases.push([
          `+${getCountryCallingCode(country as CountryCode, fullEnv.phoneMetadata)}${national}`,
          'CN',
        ]);
      } catch {
        // a country without a calling code of its own in the metadata
      }
    }
    const rand = fc.sample(digits(8), { numRuns: 200, seed: 28 });
    for (let k = 0; k < 200; k++) cases.push([`1${30 + (k % 70)}${rand[k]!}`, 'CN']);
    fc.assert(
      fc.property(
        fc.constantFrom(...cases),
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        fc.array(fc.constantFrom(' ', '-'), { minLength: 1, maxLength: 4 }),
        ([number, region], cuts, seps) => {
          const text = grouped(number, cuts, seps);
          expect(normalizePhone(text, region, fullEnv), `${text} in ${region}`).toEqual(
            libphonenumber(text, fullEnv.phoneMetadata, region),
          );
        },
      ),
      { numRuns: 3000, seed: 2812 },
    );
  });

  it('agrees on national writing of every country with its own calling code, and on any digits', () => {
    let taken = 0;
    for (const [country, national] of Object.entries(examples as Record<string, string>)) {
      if (agreesNationally(national, country)) taken++;
      agreesNationally(`0${national}`, country);
      agreesNationally(national.slice(1), country);
    }
    expect(taken).toBeGreaterThan(100);
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{2,17}$/),
        fc.constantFrom('CN', 'HK', 'TW', 'SG', 'GB', 'DE', 'JP', 'US', 'RU', 'IN', 'AU', 'BR'),
        (text, region) => {
          agreesNationally(text, region);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('takes digits only itself: spaced, full-width and dialled-abroad writing is normalized first or left to libphonenumber, with the same result', () => {
    for (const text of ['+86 138 0013 8000', '８６１３８００１３８０００', '+8613800138000 '])
      expect(isCanonicalMobile(text, fullEnv.phoneMetadata)).toBe(false);
    expect(nationalMobileE164('138 0013 8000', 'CN', fullEnv.phoneMetadata)).toBeNull();
    expect(nationalMobileE164('13800138000', 'CN', fullEnv.phoneMetadata)).toBe('+8613800138000');
    expect(normalizePhone('+86 138 0013 8000', 'CN', fullEnv)).toEqual({
      ok: true,
      value: '+8613800138000',
    });
    expect(isCanonicalMobile('+8613800138000', fullEnv.phoneMetadata)).toBe(true);
    // A landline in E.164 is valid but not a mobile: libphonenumber answers it.
    expect(isCanonicalMobile('+861065529988', fullEnv.phoneMetadata)).toBe(false);
    expect(normalizePhone('+861065529988', 'CN', fullEnv)).toEqual({
      ok: true,
      value: '+861065529988',
    });
  });
});
