import { afterEach, describe, expect, it, vi } from 'vitest';
import { openWriter, type Writer } from '../src/writer/open-writer';
import { count } from './rows';
import { fullStack } from './stack';

let writer: Writer | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await writer?.stop();
  writer = undefined;
});

/** Waits, in real time, until `done` (at most `ms`). */
const until = async (done: () => boolean, ms = 15_000) => {
  const end = performance.now() + ms;
  while (!done() && performance.now() < end) await new Promise((r) => setTimeout(r, 1));
};

/**
 * Leads of the burst, each an event the writer's automations work off. The loop's drain
 * transaction ends after 1 ms while writes wait, and there must be events left for a second
 * one. Four were too few: on code the files before this one in the worker's module graph had
 * run (vitest's isolate: false), the first transaction worked all four off in that 1 ms (2 of 4
 * on cold code), so no second drain transaction was due and none committed (session 28's
 * integration runs). Warm, a first transaction works off 1-3 of 64 (session 29).
 */
const BURST = 64;

describe("the writer's automations during a burst of writes", () => {
  it('leave the writer to waiting writes for 100 ms between two drain transactions, and work the backlog off once none wait', async () => {
    const { store } = await fullStack();
    let writesWait = true;
    writer = openWriter(store, { env: {}, contended: () => writesWait });
    for (let i = 0; i < BURST; i++) {
      const phone = `+86133888${String(i).padStart(5, '0')}`;
      const r = await writer.engine.records.create(
        'lead',
        { name: `突发${i}`, phone, source: 'website', course: 'python' },
        { actor: { kind: 'public', locale: 'zh-CN' }, via: 'intake' },
      );
      expect(r.ok).toBe(true);
    }
    // Real timers: a timer never fires before its time, so the gap between the loop setting its
    // pause and the next commit is at least the pause however loaded the machine is.
    const commitAt: number[] = [];
    store.onCommit(() => commitAt.push(performance.now()));
    const realSetTimeout = globalThis.setTimeout;
    const pauseSetAt: number[] = [];
    const timeouts = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((
      fn: () => void,
      ms?: number,
    ) => {
      if (ms === 100) pauseSetAt.push(performance.now());
      return realSetTimeout(fn, ms);
    }) as typeof setTimeout);
    writer.automations.start({ tickMs: 3_600_000 });
    // The first drain transaction is committed once the loop sets its pause.
    await until(() => pauseSetAt.length === 1);
    expect(pauseSetAt).toHaveLength(1);
    const afterFirst = commitAt.length;
    expect(afterFirst).toBeGreaterThan(0);
    // What the pause holds back: events the first transaction left.
    expect(await writer.automations.pending()).toBeGreaterThan(0);
    await until(() => commitAt.length > afterFirst);
    timeouts.mockRestore();
    // At 20 ms (before session 28) the next drain transaction came 20 ms after the pause began.
    // A timer fires no sooner than its time (give or take the loop clock's millisecond).
    expect(commitAt.length).toBeGreaterThan(afterFirst);
    expect(commitAt[afterFirst]! - pauseSetAt[0]!).toBeGreaterThanOrEqual(98);
    // Nobody waits: the backlog goes on transaction after transaction, without a timer.
    writesWait = false;
    const end = performance.now() + 20_000;
    while ((await writer.automations.pending()) > 0 && performance.now() < end)
      await new Promise((r) => setTimeout(r, 5));
    expect(await writer.automations.pending()).toBe(0);
    expect(await count(store, 'outbox', (r) => r.processed_at === null)).toBe(0);
  });
});
