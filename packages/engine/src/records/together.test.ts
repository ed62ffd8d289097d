import { describe, expect, it } from 'vitest';
import { together } from './together';

/** A promise settled from outside, and whether it has settled. */
function later<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('together', () => {
  it('answers only once every part has settled, with the first failure in the order given', async () => {
    const first = later<number>();
    const second = later<number>();
    const third = later<number>();
    let settled: unknown = 'pending';
    const all = together([first.promise, null, second.promise, third.promise]).then(
      () => (settled = 'ok'),
      (e: unknown) => (settled = e),
    );
    third.reject(new Error('third'));
    second.reject(new Error('second'));
    await new Promise((r) => setTimeout(r, 5));
    // The first part still runs: the caller's unit must not be rolled back under it.
    expect(settled).toBe('pending');
    first.resolve(1);
    await all;
    expect((settled as Error).message).toBe('second');
  });

  it('leaves no rejection unhandled while an earlier part is still pending', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const first = later<void>();
      const all = together([first.promise, Promise.reject(new Error('late part'))]);
      await new Promise((r) => setTimeout(r, 5));
      first.resolve();
      await expect(all).rejects.toThrow('late part');
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('resolves when every part succeeds, values and nulls alike', async () => {
    await expect(together([Promise.resolve(1), undefined, 0, Promise.resolve()])).resolves.toBe(
      undefined,
    );
  });
});
