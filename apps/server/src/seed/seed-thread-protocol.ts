import type { SeedBatchMessage } from './batch';
import type { UnitCounts } from './prepare-unit';

/** What the seed thread is started with: a SeedPlan as plain data, and the profile's name. */
export type SeedThreadData = {
  template: string;
  spec: unknown;
  records: number;
  seed: number;
  now: number;
  batch: number;
  users: [string, string][];
  live?: boolean;
};

/** What the seed thread posts: each batch in order, then the counts (or why it stopped). */
export type SeedThreadMessage =
  | { type: 'batch'; batch: SeedBatchMessage }
  | { type: 'done'; counts: UnitCounts; won: number }
  | { type: 'error'; message: string };
