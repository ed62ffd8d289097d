import type { SettledRead } from '@trellis/store';
/**
 * The engine reads the count thread runs (count-thread.ts): the ones that count or sum over
 * many records. A list runs there only when it counts its matches too (`count: true`).
 */
export const COUNT_READS = [
  'records.groups',
  'records.list',
  'reports.dashboard',
  'reports.widget',
] as const;

export type CountRead = (typeof COUNT_READS)[number];

/** One read sent to the thread; `epoch` is the HTTP thread's spec epoch when it was sent. */
export type CountCall = { id: number; method: CountRead; args: unknown[]; epoch: number };

/** What the thread answers: the engine's result (the engine never throws), or what was thrown. */
export type CountReply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/**
 * The count thread's report read met records waiting for their settle (store: report-settle.ts):
 * it asks the HTTP thread, which asks the writer, and waits for the answer of the same id.
 */
export type SettleAsk = { id: number; read: SettledRead | null };
export type SettleReply = { ok: true; value: unknown } | { ok: false; error: string };
export type SettleAnswer = { id: number } & SettleReply;
