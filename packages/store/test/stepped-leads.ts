import { readFileSync } from 'node:fs';
import type { Store, TransitionRow } from '../src/index';
import { baseSpec } from './fixtures';

const H = 3_600_000;
const PATH = ['new', 'qualified', 'trial', 'quoted'];

/**
 * The applied-migration stamps of PostgreSQL's migration `first` and any later one: deleting
 * them makes the migrator apply them again (it applies what is newer than the newest stamp).
 */
export function pgStampsFrom(first: number): string {
  const journal = JSON.parse(
    readFileSync(new URL('../drizzle-pg/meta/_journal.json', import.meta.url), 'utf8'),
  ) as { entries: { tag: string; when: number }[] };
  return journal.entries
    .filter((e) => Number(e.tag.slice(0, 4)) >= first)
    .map((e) => e.when)
    .join(', ');
}

/**
 * `n` leads from `from` on, one every 5 hours from `t0`, walking the pipeline with steps back (a
 * third go on to quoted, back to trial, qualified and trial again: re-entries); the odd ones'
 * transitions appended in one batch, the even ones' one by one. `fields(i)` adds to lead i.
 */
export async function writeSteppedLeads(
  store: Store,
  t0: number,
  from: number,
  n: number,
  fields: (i: number) => Record<string, unknown> = () => ({}),
): Promise<void> {
  const batch: TransitionRow[] = [];
  for (let i = from; i < from + n; i++) {
    const createdAt = t0 + i * 5 * H;
    const r = await store
      .records(baseSpec)
      .insert('lead', { name: `D${i}`, createdAt, ...fields(i) });
    if (!r.ok) throw new Error('insert failed');
    const stages =
      i % 3 === 0 ? [...PATH, 'trial', 'qualified', 'trial'] : PATH.slice(0, 2 + (i % 3));
    let [at, prev] = [createdAt, null as string | null];
    for (const to of stages) {
      const row = {
        entity: 'lead',
        recordId: r.value.id,
        fromStage: prev,
        toStage: to,
        actorId: null,
        via: 'test',
        at,
        dwellMs: null,
      };
      if (i % 2) batch.push(row);
      else await store.transitions.append(row);
      [prev, at] = [to, at + (9 + (i % 5) * 7) * H];
    }
  }
  await store.transitions.appendMany(batch);
}
