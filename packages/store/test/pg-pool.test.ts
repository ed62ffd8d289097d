import { describe, expect, it } from 'vitest';
import { createPool } from '../src/postgres/pool';

// The store's connections run without JIT compilation (pool.ts, docs/reports.md).
describe.runIf(process.env.TRELLIS_TEST_PG_URL)('postgres: the store pool', () => {
  it('turns JIT compilation off on its connections', async () => {
    const pool = createPool(process.env.TRELLIS_TEST_PG_URL!, 1);
    try {
      const { rows } = await pool.query<{ jit: string }>('SHOW jit');
      expect(rows[0]!.jit).toBe('off');
    } finally {
      await pool.end();
    }
  });
});
