/**
 * Writes forwarded to the writer (DESIGN.md §4: one writer). A call names what to run there —
 * an engine write, a store repository write, an automations write, or a server command such as
 * an intake submission — with plain-data arguments; the answer is plain data too.
 */
export type WriteCall = {
  target: 'engine' | 'store' | 'automations' | 'server';
  /** `records.create`, `users.insert`, `runManual`, `intake.submit`, ... */
  method: string;
  args: unknown[];
};

/** What the writer answers for one call. A thrown error comes back as its message and code. */
export type WriteReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { message: string; code?: string } };

/** Sends a write to the writer and resolves with its result (rejects as the writer threw). */
export type WriterPort = (call: WriteCall) => Promise<unknown>;

/** Engine methods that write: the only engine calls the writer runs. */
export const ENGINE_WRITES = [
  'records.create',
  'records.update',
  'records.changeStage',
  'records.remove',
  'records.restore',
  'activities.log',
  'tasks.create',
  'tasks.assign',
  'tasks.complete',
  'ownership.handover',
  'ownership.accept',
  'ownership.decline',
  'ownership.claim',
  'ownership.release',
  'ownership.leave',
  'ownership.reclaim',
  'ownership.openConsent',
  'ownership.agreeConsent',
] as const;

/** Automations calls that write (a dry run writes in a transaction it rolls back). */
export const AUTOMATION_WRITES = ['runManual', 'test', 'emit'] as const;

/** An error thrown in the writer, rethrown where the call was made. */
export class WriterError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'WriterError';
  }
}
