import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { dialectOf, lockFile, type FileLock, type LockMode } from '@trellis/store';

/** Files of a Trellis data directory. */
export type DataPaths = {
  dir: string;
  /**
   * The store URL: `<dir>/trellis.db` (SQLite), or a `postgres://` URL when the data lives in
   * PostgreSQL (the directory then keeps only the secret key and the uploaded files).
   */
  db: string;
  secretKey: string;
  files: string;
  web: string;
  /** Held (shared) by every process using the directory, taken exclusively by a restore. */
  lock: string;
};

/** Owner-only modes for what holds leads, secrets and uploads, whatever the umask. */
export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/** The data directory: `--data`, else TRELLIS_DATA, else ./data. */
export function dataDirOf(
  option: string | undefined,
  env: Record<string, string | undefined>,
  cwd: string,
): string {
  return resolve(cwd, option ?? env.TRELLIS_DATA ?? './data');
}

/**
 * The files of a data directory; `database`: a `postgres://` URL that holds the data instead of
 * `<dir>/trellis.db`.
 */
export function dataPaths(dir: string, database?: string): DataPaths {
  return {
    dir,
    db: database ?? join(dir, 'trellis.db'),
    secretKey: join(dir, 'secret.key'),
    files: join(dir, 'files'),
    web: join(dir, 'web'),
    lock: join(dir, 'trellis.lock'),
  };
}

/**
 * The database a command uses: `--database`, else DATABASE_URL, else none (the SQLite file of
 * the data directory). Callers refuse anything but a `postgres://` URL (`onPostgres`).
 */
export function databaseOf(
  option: string | undefined,
  env: Record<string, string | undefined>,
): string | undefined {
  const url = (option ?? env.DATABASE_URL ?? '').trim();
  return url.length > 0 ? url : undefined;
}

/** Whether the workspace's data lives in PostgreSQL rather than the directory's SQLite file. */
export function onPostgres(paths: DataPaths): boolean {
  return dialectOf(paths.db) === 'postgres';
}

/** Creates the directory (owner-only) and its secret key (32 random bytes) when missing. */
export function ensureDataDir(dir: string, database?: string): DataPaths {
  const paths = dataPaths(dir, database);
  mkdirSync(paths.files, { recursive: true, mode: DIR_MODE });
  if (!existsSync(paths.secretKey))
    writeFileSync(paths.secretKey, randomBytes(32).toString('base64'), { mode: FILE_MODE });
  secureDataDir(paths);
  return paths;
}

/**
 * Sets the directory, the files folder and the database (with its WAL and shared-memory files,
 * which SQLite creates with the database's mode) to owner-only. Directories made by older
 * versions under a permissive umask are tightened on the next start. A database that does not
 * exist yet is created empty with the right mode, so SQLite never creates it wider.
 */
export function secureDataDir(paths: DataPaths): void {
  for (const dir of [paths.dir, paths.files]) if (existsSync(dir)) chmodSync(dir, DIR_MODE);
  if (onPostgres(paths)) {
    if (existsSync(paths.secretKey)) chmodSync(paths.secretKey, FILE_MODE);
    return;
  }
  if (!existsSync(paths.db)) writeFileSync(paths.db, '', { mode: FILE_MODE, flag: 'a' });
  for (const file of [paths.db, `${paths.db}-wal`, `${paths.db}-shm`, paths.secretKey])
    if (existsSync(file)) chmodSync(file, FILE_MODE);
}

/** The key that encrypts stored secrets (webhook HMAC secrets). */
export function readSecretKey(paths: DataPaths): Buffer | undefined {
  if (!existsSync(paths.secretKey)) return undefined;
  const key = Buffer.from(readFileSync(paths.secretKey, 'utf8').trim(), 'base64');
  return key.length === 32 ? key : undefined;
}

/** Thrown when the data directory is held in a way that forbids what was asked. */
export class DataDirBusyError extends Error {
  constructor(
    readonly dir: string,
    /** `restoring`: a restore holds it; `in_use`: a server or another command does. */
    readonly reason: 'restoring' | 'in_use',
  ) {
    super(
      reason === 'restoring'
        ? `${dir} is being restored; try again when the restore has finished`
        : `${dir} is in use by another Trellis process (a running server?)`,
    );
  }
}

/**
 * Holds the data directory for as long as the caller uses it: `shared` for the server (its whole
 * lifetime) and CLI commands, `exclusive` for a restore, which must be alone. Throws
 * DataDirBusyError when it cannot; the OS releases the lock if the process dies.
 */
export function holdDataDir(paths: DataPaths, mode: LockMode): FileLock {
  if (!existsSync(paths.dir)) mkdirSync(paths.dir, { recursive: true, mode: DIR_MODE });
  const held = lockFile(paths.lock, mode);
  if (held.ok) return held.lock;
  throw new DataDirBusyError(paths.dir, mode === 'shared' ? 'restoring' : 'in_use');
}
