import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../index';
import { openDatabase } from '../sync-sqlite';

const SYSTEM_TABLES = [
  'users',
  'teams',
  'memberships',
  'sessions',
  'api_tokens',
  'spec_versions',
  'spec_draft',
  'record_history',
  'stage_transitions',
  'activities',
  'tasks',
  'notifications',
  'handovers',
  'ownership_changes',
  'outbox',
  'automation_runs',
  'action_effects',
  'intake_log',
  'import_jobs',
  'import_rows',
  'touches',
  'files',
  'assignment_state',
  'scheduler_state',
  'idempotency_keys',
  'webhook_deliveries',
  'email_outbox',
  'webhook_secrets',
  'field_archive',
  'owner_open_loads',
];

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('openDatabase', () => {
  it('applies the system migrations to a fresh file database with the agreed pragmas', () => {
    dir = mkdtempSync(join(tmpdir(), 'trellis-store-'));
    const file = join(dir, 'trellis.db');
    const db = openDatabase(file);
    const tables = (
      db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    for (const t of SYSTEM_TABLES) expect(tables).toContain(t);
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.sqlite.pragma('journal_size_limit', { simple: true })).toBe(67108864);
    expect(db.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(8000);
    db.orm
      .insert(users)
      .values({ id: 'u1', login: 'wang', name: '王', role: 'sales', createdAt: 1, updatedAt: 1 })
      .run();
    db.close();

    // Reopening runs the migrator again without re-applying anything.
    const again = openDatabase(file);
    expect(again.orm.select().from(users).where(eq(users.login, 'wang')).all()).toHaveLength(1);
    const journal = JSON.parse(
      readFileSync(new URL('../../drizzle/meta/_journal.json', import.meta.url), 'utf8'),
    ) as { entries: unknown[] };
    expect(journal.entries.length).toBeGreaterThanOrEqual(2);
    expect(again.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual({
      n: journal.entries.length,
    });
    again.close();
  });

  it('enforces foreign keys between system tables', () => {
    const db = openDatabase(':memory:');
    expect(() =>
      db.sqlite
        .prepare(
          "INSERT INTO memberships (user_id, team_key, is_lead) VALUES ('nobody', 'none', 0)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
  it('flattens nested transactions into the open one and reports a nested failure as broken', () => {
    const db = openDatabase(':memory:');
    db.sqlite.exec('CREATE TABLE t (v TEXT)');
    const put = (v: string) => db.sqlite.prepare('INSERT INTO t (v) VALUES (?)').run(v);
    const rows = () =>
      (db.sqlite.prepare('SELECT v FROM t ORDER BY v').all() as { v: string }[]).map((r) => r.v);
    expect(() => db.flattened(() => 1)).toThrow(/open transaction/);

    db.sqlite.exec('BEGIN');
    const clean = db.flattened(() =>
      db.transaction(() => (put('a'), db.transaction(() => (put('b'), 'done')))),
    );
    expect(clean).toEqual({ value: 'done', broken: false });
    const failed = db.flattened(() => {
      try {
        db.transaction(() => {
          put('c');
          throw new Error('boom');
        });
      } catch {
        // swallowed like the engine's guard does
      }
      return 'answered';
    });
    // No savepoint undid 'c': the caller is told to roll the transaction back.
    expect(failed).toEqual({ value: 'answered', broken: true });
    expect(rows()).toEqual(['a', 'b', 'c']);
    db.sqlite.exec('ROLLBACK');

    // Outside flattened(), a nested failure still rolls back alone.
    db.sqlite.exec('BEGIN');
    put('x');
    expect(() =>
      db.transaction(
        () => (
          put('y'),
          db.transaction(() => {
            throw new Error('boom');
          })
        ),
      ),
    ).toThrow('boom');
    db.sqlite.exec('COMMIT');
    expect(rows()).toEqual(['x']);
    db.close();
  });
});
