import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullEnv } from '../env/full-env';
import { createRuleEnv } from '../env/light-env';
import { normalizePhone } from './phone';

const lightEnv = createRuleEnv(fullEnv.regions);

// Valid mainland mobile prefixes (China Mobile / Unicom / Telecom).
const prefixes = [
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '177',
  '180',
  '181',
  '185',
  '186',
  '187',
  '188',
  '189',
  '199',
];
const toFullWidth = (s: string) =>
  s.replace(/[0-9+]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('normalizePhone (property)', () => {
  it('maps every way of writing a CN mobile number to the same E.164 value', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...prefixes),
        fc.stringMatching(/^[0-9]{8}$/),
        fc.constantFrom('', '+86', '86', '0086', '+86 ', '(+86)'),
        fc.constantFrom('', ' ', '-'),
        fc.boolean(),
        (prefix, rest, country, sep, fullWidth) => {
          const national = `${prefix}${sep}${rest.slice(0, 4)}${sep}${rest.slice(4)}`;
          const typed = `${country}${national}`;
          const input = fullWidth ? toFullWidth(typed) : typed;
          const want = { ok: true, value: `+86${prefix}${rest}` };
          expect(normalizePhone(input, 'CN', fullEnv)).toEqual(want);
          // The public page's small metadata gives the same answer.
          expect(normalizePhone(input, 'CN', lightEnv)).toEqual(want);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('normalizePhone with the small metadata of public pages', () => {
  const international = fc.oneof(
    fc.stringMatching(/^\+(86|852|853|886|1|65|60|81|82|44|61)[0-9]{6,11}$/),
    fc.stringMatching(/^[0-9]{5,12}$/),
  );
  it('gives the max metadata verdict on every number it does not leave to the server', () => {
    let judged = 0;
    fc.assert(
      fc.property(international, fc.constantFrom('CN', 'US', 'HK'), (input, region) => {
        const light = normalizePhone(input, region, lightEnv);
        if (light.ok && light.deferred) return;
        judged++;
        expect(light).toEqual(normalizePhone(input, region, fullEnv));
      }),
      { numRuns: 500 },
    );
    // Deferring is for other countries' numbers, not a way out of most cases.
    expect(judged).toBeGreaterThan(400);
  });
  it('leaves a number of another calling code to the server instead of refusing it', () => {
    expect(normalizePhone('+33 6 12 34 56 78', 'CN', lightEnv)).toEqual({
      ok: true,
      value: '+33 6 12 34 56 78',
      deferred: true,
    });
    expect(normalizePhone('+33 6 12 34 56 78', 'CN', fullEnv)).toEqual({
      ok: true,
      value: '+33612345678',
    });
  });
});
