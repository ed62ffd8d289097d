import { describe, expect, it } from 'vitest';
import type { RecordInput, Store, TransitionRow } from '../../src/index';
import { baseSpec } from '../fixtures';
import type { StoreFactory } from './factory';
import { rng } from './seeded';

const STAGES = ['new', 'qualified', 'trial', 'quoted', 'won', 'lost'];
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 4, 1, 7, 13);

/** One step of the history, written in bulk by one store and row by row by the other. */
type Step =
  | { kind: 'records'; rows: RecordInput[] }
  | { kind: 'transitions'; rows: TransitionRow[] }
  | { kind: 'move'; id: string; stage: string; transition: TransitionRow };

/**
 * Batches of records over few days, owners and teams (many records per group, groups shared
 * between batches and with single writes), transitions appended before their records exist,
 * after, and for records of earlier batches, a duplicate id in a batch, and single stage moves.
 */
function history(seed: number): Step[] {
  const next = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const steps: Step[] = [];
  const ids: string[] = [];
  let n = 0;
  const transition = (recordId: string, at: number): TransitionRow => ({
    id: `t${seed}-${n++}`,
    entity: 'lead',
    recordId,
    fromStage: null,
    toStage: pick(STAGES),
    actorId: null,
    via: 'test',
    at,
    dwellMs: next() < 0.5 ? null : Math.floor(next() * DAY),
  });
  for (let b = 0; b < 6; b++) {
    const size = b === 2 ? 3 : 20 + Math.floor(next() * 60);
    const rows: RecordInput[] = [];
    const early: TransitionRow[] = [];
    for (let i = 0; i < size; i++) {
      const id = `r${seed}-${b}-${i}`;
      // Across a month boundary (T0 is the 1st): both months have groups.
      const createdAt = T0 + Math.floor((next() - 0.5) * 4 * DAY);
      rows.push({
        id,
        name: `L${b}-${i}`,
        ownerId: pick(['u1', 'u2', null]),
        teamId: pick(['north', null]),
        ...(next() < 0.5 ? { stage: pick(STAGES), stageEnteredAt: createdAt + 1000 } : {}),
        createdAt,
      });
      // Some of a batch's transitions are written before its records (the row has none yet).
      if (next() < 0.2) early.push(transition(id, createdAt));
    }
    // The same id twice: the store refuses the second, and neither path counts it twice.
    if (b === 3) rows.push({ ...rows[0]!, name: 'again' });
    if (early.length > 0) steps.push({ kind: 'transitions', rows: early });
    steps.push({ kind: 'records', rows });
    ids.push(...rows.map((r) => String(r.id)));
    const later = ids.filter(() => next() < 0.6).map((id) => transition(id, T0 + 5 * DAY));
    steps.push({ kind: 'transitions', rows: later });
    for (let m = 0; m < 3; m++) {
      const id = pick(ids);
      steps.push({
        kind: 'move',
        id,
        stage: pick(STAGES),
        transition: transition(id, T0 + 6 * DAY),
      });
    }
  }
  return steps;
}

async function play(store: Store, steps: readonly Step[], bulk: boolean): Promise<void> {
  const records = () => store.records(baseSpec);
  for (const step of steps) {
    if (step.kind === 'records') {
      if (bulk) await records().insertMany('lead', step.rows);
      else for (const r of step.rows) await records().insert('lead', r);
    } else if (step.kind === 'transitions') {
      if (bulk) await store.transitions.appendMany(step.rows);
      else for (const t of step.rows) await store.transitions.append(t);
    } else {
      // Single writes between the batches keep their triggers in both stores.
      await store.transaction(async (tx) => {
        const rec = await tx.records(baseSpec).get('lead', step.id);
        if (!rec) throw new Error(`no record ${step.id}`);
        await tx.transitions.append(step.transition);
        const r = await tx
          .records(baseSpec)
          .update('lead', step.id, { stage: step.stage }, rec.version);
        if (!r.ok) throw new Error(r.error.message);
      });
    }
  }
}

/** Every row of a report table, numbers as numbers, in one order. */
async function rows(store: Store, table: string): Promise<string[]> {
  const all = await store.tables.rows(table);
  return all
    .map((r) =>
      JSON.stringify(
        Object.keys(r)
          .sort()
          .map((k) => [k, typeof r[k] === 'string' || r[k] === null ? r[k] : Number(r[k])]),
      ),
    )
    .sort();
}

/**
 * Bulk writes (records.insertMany, transitions.appendMany) switch the report triggers off and
 * keep report_rows and its day and month groups once per batch: the same history written row by
 * row and in batches leaves every row of the three tables identical.
 */
export function bulkUpkeepContract(factory: StoreFactory): void {
  describe(`${factory.dialect}: report groups after bulk writes`, () => {
    it('equal those the row triggers keep, row for row', async () => {
      const steps = history(5);
      const single = await factory.open({ locale: 'en' });
      const bulk = await factory.open({ locale: 'en' });
      try {
        await play(single.store, steps, false);
        await play(bulk.store, steps, true);
        const cohorts = await rows(single.store, 'report_cohorts');
        // Enough data to mean something: many groups, several records in most of them.
        expect(cohorts.length).toBeGreaterThan(30);
        expect(await rows(single.store, 'report_rows')).toHaveLength(
          steps.reduce(
            (n, s) => n + (s.kind === 'records' ? new Set(s.rows.map((r) => r.id)).size : 0),
            0,
          ),
        );
        expect(await rows(bulk.store, 'report_rows')).toEqual(
          await rows(single.store, 'report_rows'),
        );
        expect(await rows(bulk.store, 'report_cohorts')).toEqual(cohorts);
        const months = await rows(single.store, 'report_cohort_months');
        expect(months.length).toBeGreaterThan(3);
        expect(await rows(bulk.store, 'report_cohort_months')).toEqual(months);
        // Each transition's previous entry into its stage, set on insert, is the same both ways.
        const transitions = await rows(single.store, 'stage_transitions');
        expect(
          transitions.filter((t) => !t.includes('["prev_entry_at",null]')).length,
        ).toBeGreaterThan(10);
        expect(await rows(bulk.store, 'stage_transitions')).toEqual(transitions);
        // The switch is down after the batches: a single insert is counted by its trigger.
        for (const s of [single.store, bulk.store])
          await s.records(baseSpec).insert('lead', { id: 'late', name: 'late', createdAt: T0 });
        for (const table of ['report_cohorts', 'report_cohort_months'])
          expect(await rows(bulk.store, table)).toEqual(await rows(single.store, table));
      } finally {
        await single.close();
        await bulk.close();
      }
    });

    it('rolls back with the batch that failed', async () => {
      const h = await factory.open({ locale: 'en' });
      try {
        const before = await rows(h.store, 'report_cohorts');
        const monthsBefore = await rows(h.store, 'report_cohort_months');
        await expect(
          h.store.transaction(async (tx) => {
            const rows = Array.from({ length: 30 }, (_, i) => ({
              name: `x${i}`,
              ownerId: 'u1',
              createdAt: T0,
            }));
            await tx.records(baseSpec).insertMany('lead', rows);
            throw new Error('roll back');
          }),
        ).rejects.toThrow('roll back');
        expect(await rows(h.store, 'report_cohorts')).toEqual(before);
        expect(await rows(h.store, 'report_cohort_months')).toEqual(monthsBefore);
        await h.store
          .records(baseSpec)
          .insert('lead', { name: 'one', ownerId: 'u1', createdAt: T0 });
        expect(await rows(h.store, 'report_rows')).toHaveLength(1);
        expect(await rows(h.store, 'report_cohorts')).toHaveLength(1);
        expect(await rows(h.store, 'report_cohort_months')).toHaveLength(1);
      } finally {
        await h.close();
      }
    });
  });
}
