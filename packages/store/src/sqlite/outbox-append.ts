import type Database from 'better-sqlite3';
import type { OutboxRepo } from '../api/outbox';
import type { SqlExec } from '../sql/exec';
import { INSERT, outboxRepo, params } from '../sql/outbox';
import { insertRowid } from './exec';

/**
 * The shared outbox with SQLite's own `append`: `seq` is the table's INTEGER PRIMARY KEY, so the
 * new event's sequence number is the connection's last rowid. `INSERT … RETURNING seq` cost
 * ~3 µs more a statement (SQLite buffers RETURNING rows), and every write appends an event.
 */
export function sqliteOutbox(x: SqlExec, db: () => Database.Database, from: string): OutboxRepo {
  return { ...outboxRepo(x, from), append: async (e) => insertRowid(db(), INSERT, params(e)) };
}
