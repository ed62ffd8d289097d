import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { join } from 'node:path';
import { checkDatabase, detachDatabase } from '@trellis/store';
import { BACKUP_FORMAT, type BackupManifest } from './backup';
import { DataDirBusyError, DIR_MODE, FILE_MODE, holdDataDir, type DataPaths } from './data-dir';

/** Why a restore did not happen; nothing in the data directory was changed. */
type RestoreRefusal =
  { code: 'in_use' } | { code: 'restoring' } | { code: 'invalid_backup'; reason: string };

export type RestoreResult =
  | {
      ok: true;
      /** Where the previous database, uploads and key were moved (null when there were none). */
      keptAs: string | null;
      /** Whether the backup held uploads and the key (an archive) or only a database file. */
      kind: 'archive' | 'database';
      files: number;
    }
  | ({ ok: false } & RestoreRefusal);

const ENTRY = /^(manifest\.json|trellis\.db|secret\.key|files\/[0-9a-f]{2}\/[0-9a-f]{64})$/;

/**
 * `trellis restore`: replaces the data directory's database, uploads and `secret.key` with those
 * of a backup archive (a plain database file from older versions restores the database only).
 * Refused while any process uses the directory (a running server holds it for its lifetime), and
 * again if the database is still open anywhere; the database's WAL is never removed by hand. The
 * previous state is moved aside, not deleted: `before-restore-<time>/` in the data directory.
 */
export async function restoreDataDir(paths: DataPaths, source: string): Promise<RestoreResult> {
  let lock;
  try {
    lock = holdDataDir(paths, 'exclusive');
  } catch (error) {
    if (error instanceof DataDirBusyError) return { ok: false, code: error.reason };
    throw error;
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const staging = join(paths.dir, `.restore-${stamp}`);
  try {
    mkdirSync(staging, { mode: DIR_MODE });
    const kind = isGzip(source) ? 'archive' : 'database';
    const unpacked = kind === 'archive' ? await unpack(source, staging) : { files: [] };
    if ('reason' in unpacked) return { ok: false, code: 'invalid_backup', reason: unpacked.reason };
    const db = kind === 'archive' ? join(staging, 'trellis.db') : source;
    const broken = checkDatabase(db);
    if (broken) return { ok: false, code: 'invalid_backup', reason: broken };
    // Another process may have the database open without holding the directory (an older
    // Trellis, a tool): SQLite itself tells, and then nothing is moved.
    if (existsSync(paths.db) && !detachDatabase(paths.db)) return { ok: false, code: 'in_use' };
    const keptAs = moveAside(paths, join(paths.dir, `before-restore-${stamp}`), kind);
    if (kind === 'archive') {
      renameSync(db, paths.db);
      if (existsSync(join(staging, 'secret.key')))
        renameSync(join(staging, 'secret.key'), paths.secretKey);
      const files = join(staging, 'files');
      if (!existsSync(files)) mkdirSync(files, { mode: DIR_MODE });
      renameSync(files, paths.files);
    } else {
      // Copied next to the target first, so the database appears whole or not at all.
      const copy = join(staging, 'trellis.db');
      copyFileSync(db, copy);
      renameSync(copy, paths.db);
    }
    for (const f of [paths.db, paths.secretKey]) if (existsSync(f)) chmodSync(f, FILE_MODE);
    if (existsSync(paths.files)) chmodSync(paths.files, DIR_MODE);
    return { ok: true, keptAs, kind, files: unpacked.files.length };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    lock.release();
  }
}

function isGzip(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/** Extracts only the entries a backup may hold (no links, no paths outside) and checks the manifest. */
async function unpack(
  source: string,
  into: string,
): Promise<{ files: string[] } | { reason: string }> {
  const odd: string[] = [];
  try {
    // tar loads here, not with the server: only a restore uses it.
    const { extract } = await import('tar');
    await extract({
      file: source,
      cwd: into,
      strict: true,
      filter: (path, entry) => {
        const ok = ENTRY.test(path) && ('type' in entry ? entry.type === 'File' : true);
        if (!ok && !/^files\/([0-9a-f]{2}\/)?$/.test(path)) odd.push(path);
        return ok;
      },
    });
  } catch (error) {
    return { reason: error instanceof Error ? error.message : String(error) };
  }
  if (odd.length > 0) return { reason: `unexpected entries: ${odd.slice(0, 3).join(', ')}` };
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(join(into, 'manifest.json'), 'utf8')) as BackupManifest;
  } catch {
    return { reason: 'manifest.json is missing or not JSON' };
  }
  if (manifest.format !== BACKUP_FORMAT) return { reason: 'not a Trellis backup' };
  const missing = (manifest.files ?? []).filter((f) => !existsSync(join(into, 'files', f)));
  if (missing.length > 0) return { reason: `files missing from the archive: ${missing[0]}` };
  if (manifest.secretKey && !existsSync(join(into, 'secret.key')))
    return { reason: 'secret.key is missing from the archive' };
  return { files: manifest.files ?? [] };
}

/** Moves the current database, uploads and key into `dest`; null when there was nothing. */
function moveAside(paths: DataPaths, dest: string, kind: 'archive' | 'database'): string | null {
  const moving = [
    [paths.db, 'trellis.db'],
    ...(kind === 'archive'
      ? [
          [paths.secretKey, 'secret.key'],
          [paths.files, 'files'],
        ]
      : []),
  ].filter(([from]) => existsSync(from!));
  if (moving.length === 0) return null;
  mkdirSync(dest, { mode: DIR_MODE });
  for (const [from, name] of moving) renameSync(from!, join(dest, name!));
  return dest;
}
