import { describe, expect, it } from 'vitest';
import { formatPhone, phoneHref } from './phone-display';

describe('formatPhone', () => {
  it('reads a number of the field region in its national form', () => {
    expect(formatPhone('+8613800138000')).toBe('138 0013 8000');
    expect(formatPhone('+861012345678', 'CN')).toBe('010 1234 5678');
    expect(formatPhone('+85251234567', 'HK')).toBe('5123 4567');
  });

  it('reads a number of another region internationally', () => {
    expect(formatPhone('+85251234567', 'CN')).toBe('+852 5123 4567');
    expect(formatPhone('+8613800138000', 'HK')).toBe('+86 138 0013 8000');
  });

  it('shows what it cannot parse as stored', () => {
    expect(formatPhone('call after 6pm')).toBe('call after 6pm');
    expect(formatPhone('+8612')).toBe('+8612');
  });
});

describe('phoneHref', () => {
  it('dials E.164 whatever the display', () => {
    expect(phoneHref('+8613800138000')).toBe('tel:+8613800138000');
    expect(phoneHref('138 0013 8000')).toBe('tel:+8613800138000');
    expect(phoneHref('ext. 12')).toBe('tel:12');
  });
});
