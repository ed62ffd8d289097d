import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { errorText } from './error-text';
import { ApiError } from './problem';

const t = ((key: string) => `<${key}>`) as unknown as TFunction;

describe('errorText', () => {
  it("gives the server's own sentence when it sent one", () => {
    const err = new ApiError({ status: 409, code: 'conflict', detail: '记录已被他人修改' });
    expect(errorText(err, t)).toBe('记录已被他人修改');
  });

  it('says the server could not be reached for a network failure or a timeout', () => {
    expect(errorText(new ApiError({ status: 0, code: 'network' }), t)).toBe('<error.network>');
  });

  it("falls back to a general sentence for an answer without one (a proxy's HTML 502)", () => {
    const err = new ApiError({ status: 502, title: 'Bad Gateway' });
    expect(err.message).toBe('Bad Gateway');
    expect(errorText(err, t)).toBe('<error.unknown>');
    expect(errorText(new Error('boom'), t)).toBe('<error.unknown>');
  });
});
