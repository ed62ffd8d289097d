import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePhone } from './phone';

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
          expect(normalizePhone(input, 'CN')).toEqual({ ok: true, value: `+86${prefix}${rest}` });
        },
      ),
      { numRuns: 300 },
    );
  });
});
