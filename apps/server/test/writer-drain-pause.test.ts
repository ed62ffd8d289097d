import { afterEach, describe, expect, it, vi } from 'vitest';
import { openWriter, type Writer } from '../src/writer/open-writer';
import { count } from './rows';
import { fullStack } from './stack';

let writer: Writer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await writer?.stop();
  writer = undefined;
});

/** One turn of the event loop (the store's transaction queue flushes on setImmediate). */
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

/**
 * Turns the event loop until `done`, moving the faked clock on by 1 ms now and then: a write
 * that found the lock taken (a checkpoint of a loaded machine) retries on a 1 ms timer, which
 * only the faked clock lets run.
 */
const until = async (done: () => boolean) => {
  for (let i = 1; i <= 20_000 && !done(); i++) {
    await turns(1);
    if (!done() && i % 50 === 0) vi.advanceTimersByTime(1);
  }
};

describe("the writer's automations during a burst of writes", () => {
  // The loop's timers are faked; PostgreSQL's driver keeps timers of its own.
  it.skipIf(process.env.TRELLIS_TEST_STORE === 'pg')(
    'leave the writer to waiting writes for 100 ms between two drain transactions, and work the backlog off once none wait',
    async () => {
      const { store } = await fullStack();
      let writesWait = true;
      writer = openWriter(store, { env: {}, contended: () => writesWait });
      for (let i = 0; i < 4; i++) {
        const r = await writer.engine.records.create(
          'lead',
          { name: `突发${i}`, phone: `+861338880010${i}`, source: 'website', course: 'python' },
          { actor: { kind: 'public', locale: 'zh-CN' }, via: 'intake' },
        );
        expect(r.ok).toBe(true);
      }
      let commits = 0;
      store.onCommit(() => commits++);
      // From here the loop's pauses pass only as the test says.
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const timeouts = vi.spyOn(globalThis, 'setTimeout');
      const pauses = () => timeouts.mock.calls.filter(([, ms]) => ms === 100).length;
      writer.automations.start({ tickMs: 3_600_000 });
      // The first drain transaction is committed once the loop sets its pause.
      await until(() => pauses() === 1);
      const afterFirst = commits;
      expect(pauses()).toBe(1);
      expect(afterFirst).toBeGreaterThan(0);
      // At 20 ms (before session 28) the next drain transaction ran within these 99 ms.
      vi.advanceTimersByTime(99);
      await turns(200);
      expect(commits).toBe(afterFirst);
      vi.advanceTimersByTime(1);
      await until(() => commits > afterFirst);
      expect(commits).toBe(afterFirst + 1);
      // Nobody waits: the backlog goes on transaction after transaction, without a timer.
      writesWait = false;
      vi.advanceTimersByTime(100);
      for (let i = 0; i < 5000 && (await writer.automations.pending()) > 0; i++) await turns(1);
      expect(await writer.automations.pending()).toBe(0);
      expect(await count(store, 'outbox', (r) => r.processed_at === null)).toBe(0);
    },
  );
});
