import { describe, expect, it } from 'vitest';
import { startCountThread } from './start-counts';

describe('the count thread, seen from the HTTP thread', () => {
  it('reads on this thread until the count thread has first started, instead of waiting for it', async () => {
    const asked: string[] = [];
    // The thread starts after the writer: here, never. A read waiting for it would wait an hour.
    const counts = startCountThread(':memory:', {
      after: new Promise(() => undefined),
      waitMs: 3_600_000,
      epoch: () => 0,
      local: (method, args) => {
        asked.push(method);
        return Promise.resolve({ answeredHere: args[0] });
      },
      log: () => undefined,
    });
    try {
      await expect(counts.run('records.list', ['lead'])).resolves.toEqual({ answeredHere: 'lead' });
      await expect(counts.run('reports.widget', ['funnel'])).resolves.toEqual({
        answeredHere: 'funnel',
      });
      expect(asked).toEqual(['records.list', 'reports.widget']);
      expect(counts.answered()).toBe(0);
    } finally {
      await counts.stop();
    }
  });
});
