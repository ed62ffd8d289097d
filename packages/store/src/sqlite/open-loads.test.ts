import { openDatabase } from '../db/open-database';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openLoadCounts } from './open-loads';

const USERS = ['u1', 'u2', 'u3'];
const STAGES = [null, 'new', 'won', 'lost'];

function setup() {
  const db = openDatabase(':memory:');
  db.sqlite.exec(
    'CREATE TABLE e_lead (rid INTEGER PRIMARY KEY, id TEXT UNIQUE, owner_id TEXT, stage TEXT, deleted_at INTEGER)',
  );
  return db;
}

/** The answer by counting rows, as the directory did before the counter table. */
function direct(db: ReturnType<typeof setup>, closed: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const u of USERS) {
    const n = (
      db.sqlite
        .prepare(
          `SELECT count(*) AS n FROM e_lead WHERE owner_id = ? AND deleted_at IS NULL AND (stage IS NULL OR stage NOT IN (${closed.map(() => '?').join(',') || "''"}))`,
        )
        .get(u, ...closed) as { n: number }
    ).n;
    if (n) out[u] = n;
  }
  return out;
}

const op = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    owner: fc.constantFrom(null, ...USERS),
    stage: fc.constantFrom(...STAGES),
  }),
  fc.record({
    kind: fc.constant('owner' as const),
    row: fc.nat(20),
    owner: fc.constantFrom(null, ...USERS),
  }),
  fc.record({
    kind: fc.constant('stage' as const),
    row: fc.nat(20),
    stage: fc.constantFrom(...STAGES),
  }),
  fc.record({ kind: fc.constant('delete' as const), row: fc.nat(20), soft: fc.boolean() }),
  fc.record({ kind: fc.constant('restore' as const), row: fc.nat(20) }),
);

describe('open loads', () => {
  it('match a direct count after any mix of inserts, reassignments, stage moves, deletes and restores', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 40 }),
        fc.array(op, { maxLength: 40 }),
        (before, after) => {
          const db = setup();
          const closed = ['won', 'lost'];
          let next = 0;
          const apply = (o: Record<string, unknown>) => {
            const s = db.sqlite;
            if (o.kind === 'insert')
              s.prepare('INSERT INTO e_lead (id, owner_id, stage) VALUES (?, ?, ?)').run(
                `r${next++}`,
                o.owner,
                o.stage,
              );
            else if (o.kind === 'owner')
              s.prepare('UPDATE e_lead SET owner_id = ? WHERE rid = ?').run(o.owner, o.row);
            else if (o.kind === 'stage')
              s.prepare('UPDATE e_lead SET stage = ? WHERE rid = ?').run(o.stage, o.row);
            else if (o.kind === 'delete' && o.soft)
              s.prepare('UPDATE e_lead SET deleted_at = 1 WHERE rid = ?').run(o.row);
            else if (o.kind === 'delete') s.prepare('DELETE FROM e_lead WHERE rid = ?').run(o.row);
            else s.prepare('UPDATE e_lead SET deleted_at = NULL WHERE rid = ?').run(o.row);
          };
          // Rows written before the first look-up are counted once; later ones by the triggers.
          before.forEach(apply);
          expect(openLoadCounts(db, 'lead', closed, USERS)).toEqual(direct(db, closed));
          after.forEach(apply);
          expect(openLoadCounts(db, 'lead', closed, USERS)).toEqual(direct(db, closed));
          expect(openLoadCounts(db, 'lead', closed, ['u2'])).toEqual(
            direct(db, closed).u2 ? { u2: direct(db, closed).u2 } : {},
          );
          db.close();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('recount when the closed stages change or a migration dropped the triggers', () => {
    const db = setup();
    const s = db.sqlite;
    for (const stage of ['new', 'won', 'lost', 'paused'])
      s.prepare('INSERT INTO e_lead (id, owner_id, stage) VALUES (?, ?, ?)').run(
        stage,
        'u1',
        stage,
      );
    expect(openLoadCounts(db, 'lead', ['won', 'lost'], USERS)).toEqual({ u1: 2 });
    expect(openLoadCounts(db, 'lead', ['won', 'lost', 'paused'], USERS)).toEqual({ u1: 1 });
    // A table rebuild (as a migration does) loses the triggers with the table.
    s.exec('DROP TABLE e_lead');
    s.exec(
      'CREATE TABLE e_lead (rid INTEGER PRIMARY KEY, id TEXT UNIQUE, owner_id TEXT, stage TEXT, deleted_at INTEGER)',
    );
    s.prepare('INSERT INTO e_lead (id, owner_id, stage) VALUES (?, ?, ?)').run('a', 'u2', 'new');
    expect(openLoadCounts(db, 'lead', ['won', 'lost', 'paused'], USERS)).toEqual({ u2: 1 });
    s.prepare('INSERT INTO e_lead (id, owner_id, stage) VALUES (?, ?, ?)').run('b', 'u2', null);
    expect(openLoadCounts(db, 'lead', ['won', 'lost', 'paused'], USERS)).toEqual({ u2: 2 });
    expect(openLoadCounts(db, 'lead', [], [])).toEqual({});
    db.close();
  });

  it('a rolled-back write leaves the counts as they were', () => {
    const db = setup();
    expect(openLoadCounts(db, 'lead', ['won'], USERS)).toEqual({});
    expect(() =>
      db.transaction(() => {
        db.sqlite
          .prepare('INSERT INTO e_lead (id, owner_id, stage) VALUES (?, ?, ?)')
          .run('x', 'u3', 'new');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    db.sqlite
      .prepare('INSERT INTO e_lead (id, owner_id, stage) VALUES (?, ?, ?)')
      .run('y', 'u3', 'won');
    expect(openLoadCounts(db, 'lead', ['won'], USERS)).toEqual({});
    db.close();
  });
});
