import type { SchemaProbe } from './schema-probe';

/** One question to the probe (answered at once on SQLite, by a query on PostgreSQL). */
type Question = (probe: SchemaProbe) => unknown;

/**
 * The migration planner is written once as generators that yield their questions to the
 * database; `runSync` answers them with a synchronous probe (SQLite), `runAsync` awaits each
 * answer (PostgreSQL). So both dialects plan with the same code.
 */
export type Planning<T> = Generator<Question, T, unknown>;

/** Asks the probe; the answer comes back from whichever driver runs the plan. */
export function* ask<T>(question: (probe: SchemaProbe) => T | Promise<T>): Planning<T> {
  return (yield question) as T;
}

/** Runs a plan with a probe that answers synchronously. */
export function runSync<T>(plan: Planning<T>, probe: SchemaProbe): T {
  let step = plan.next();
  while (!step.done) {
    const answer = step.value(probe);
    if (answer instanceof Promise)
      throw new Error('this probe answers asynchronously: use runAsync');
    step = plan.next(answer);
  }
  return step.value;
}

/** Runs a plan with a probe whose answers may be promises. */
export async function runAsync<T>(plan: Planning<T>, probe: SchemaProbe): Promise<T> {
  let step = plan.next();
  while (!step.done) step = plan.next(await step.value(probe));
  return step.value;
}
