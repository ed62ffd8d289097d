import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkpointsAfter } from './thread-order';

/** A promise and its resolve, to settle in the order a test says. */
function later() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Whether `p` has settled once pending callbacks have run. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return done;
}

describe("the checkpoint thread's start", () => {
  afterEach(() => vi.useRealTimers());

  it('waits for the count thread, not only the writer', async () => {
    const writer = later();
    const counts = later();
    const start = checkpointsAfter(writer.promise, counts.promise);
    writer.resolve();
    expect(await settled(start)).toBe(false);
    counts.resolve();
    expect(await settled(start)).toBe(true);
  });

  it('follows the writer when there is no count thread', async () => {
    const writer = later();
    const start = checkpointsAfter(writer.promise, undefined);
    expect(await settled(start)).toBe(false);
    writer.resolve();
    expect(await settled(start)).toBe(true);
  });

  it('starts anyway a while after the writer when the count thread never does', async () => {
    vi.useFakeTimers();
    const writer = later();
    const start = checkpointsAfter(writer.promise, new Promise(() => undefined), 10_000);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(await settled(start)).toBe(false);
    writer.resolve();
    await vi.advanceTimersByTimeAsync(9_000);
    expect(await settled(start)).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await settled(start)).toBe(true);
  });
});
