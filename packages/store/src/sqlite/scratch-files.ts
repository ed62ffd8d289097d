import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockFile, type FileLock } from '../db/data-lock';
import { openDatabase } from '../db/open-database';
import { newId } from '../ids';

/**
 * The files of `:memory:` stores (each a private database file, so a second connection can read
 * it) live in one directory per process (per worker thread: each has its own copy of this
 * module), `tmpdir()/trellis-scratch-XXXXXX`, beside the migrated templates they are copied
 * from. A store removes its file on close; the directory goes when the process exits. A process
 * that never gets to its exit handlers (vitest stops its workers with SIGTERM; SIGKILL; a crash)
 * leaves its directory, so the first scratch store of any later process removes every directory
 * whose owner is gone: the owner holds a lock on `held.lock` for its whole life, and the
 * operating system lets go of it when the owner ends, however it ends.
 */
const PREFIX = 'trellis-scratch-';
const HELD = 'held.lock';
/** Written once the lock is held: a directory without it is still being set up, never removed. */
const READY = 'ready';

let own: { dir: string; lock: FileLock } | undefined;
/** Per migrations folder: an empty migrated database that scratch stores start as a copy of. */
const templates = new Map<string, string>();

/**
 * A new scratch database file: a copy of a migrated template made once per process (applying
 * the system migrations to every test database cost ~100-200 ms; a copy ~1 ms).
 */
export function scratchFile(migrationsFolder: string | undefined): string {
  const dir = scratchDir();
  const key = migrationsFolder ?? '';
  let template = templates.get(key);
  if (!template) {
    template = join(dir, `template-${templates.size}.db`);
    openDatabase(template, {
      scratch: true,
      ...(migrationsFolder ? { migrationsFolder } : {}),
    }).close();
    templates.set(key, template);
  }
  const file = join(dir, `${newId()}.db`);
  copyFileSync(template, file);
  return file;
}

/** Removes a scratch database and the WAL files beside it. */
export function removeScratchFile(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
}

function scratchDir(): string {
  if (own) return own.dir;
  removeAbandoned();
  const dir = mkdtempSync(join(tmpdir(), PREFIX));
  const held = lockFile(join(dir, HELD), 'shared');
  if (!held.ok) throw new Error(`cannot lock the new scratch directory ${dir}`);
  writeFileSync(join(dir, READY), '');
  own = { dir, lock: held.lock };
  process.once('exit', () => {
    own?.lock.release();
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/** Removes the scratch directories of processes (and threads) that have ended. */
function removeAbandoned(): void {
  const root = tmpdir();
  for (const name of readdirSync(root)) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = join(root, name);
    try {
      if (!existsSync(join(dir, READY))) continue;
      const probe = lockFile(join(dir, HELD), 'exclusive');
      if (!probe.ok) continue;
      probe.lock.release();
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another process removing the same directory at the same moment, or not ours to read.
    }
  }
}
