import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  renameSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { backupDatabase, referencedFiles } from '@trellis/store';
import { FILE_MODE, holdDataDir, type DataPaths } from './data-dir';

/** Format marker of `manifest.json` in a backup archive. */
export const BACKUP_FORMAT = 'trellis-backup';
const BACKUP_VERSION = 1;

/** What a backup archive holds, written as its `manifest.json`. */
export type BackupManifest = {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  /** Pages of the database snapshot. */
  dbPages: number;
  /** Uploads (paths under `files/`) the snapshot references and the archive holds. */
  files: string[];
  /** Uploads the snapshot references that were not on disk when the backup was taken. */
  missingFiles: string[];
  secretKey: boolean;
};

/**
 * `trellis backup`: one gzipped tar archive with the database, the uploaded files and
 * `secret.key`, consistent while the server serves: the database is copied with SQLite's online
 * backup API (a snapshot; writers are not stopped), then the uploads that snapshot references are
 * added — uploads are stored once by content hash and never change, so every file row of the
 * snapshot has its bytes. The archive is written under a temporary name and renamed, owner-only.
 */
export async function backupDataDir(paths: DataPaths, target: string): Promise<BackupManifest> {
  // Shared, like the server: a restore cannot swap the directory out under the copy.
  const lock = holdDataDir(paths, 'shared');
  const work = mkdtempSync(join(dirname(target), '.trellis-backup-'));
  const partial = `${target}.partial`;
  try {
    const dbPages = await backupDatabase(paths.db, join(work, 'trellis.db'));
    const files: string[] = [];
    const missingFiles: string[] = [];
    for (const rel of referencedFiles(join(work, 'trellis.db')))
      (existsSync(join(paths.files, rel)) ? files : missingFiles).push(rel);
    const secretKey = existsSync(paths.secretKey);
    if (secretKey) copyFileSync(paths.secretKey, join(work, 'secret.key'));
    // The uploads are packed from where they are (no copy of possibly gigabytes first).
    symlinkSync(paths.files, join(work, 'files'), 'dir');
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      dbPages,
      files,
      missingFiles,
      secretKey,
    };
    writeFileSync(join(work, 'manifest.json'), JSON.stringify(manifest, null, 2));
    // tar loads here, not with the server: only a backup uses it.
    const { create } = await import('tar');
    await create({ gzip: true, file: partial, cwd: work, follow: true, portable: true }, [
      'manifest.json',
      'trellis.db',
      ...(secretKey ? ['secret.key'] : []),
      ...files.map((f) => `files/${f}`),
    ]);
    chmodSync(partial, FILE_MODE);
    renameSync(partial, target);
    return manifest;
  } finally {
    // The link first, so removing the work folder can never reach the uploads themselves.
    try {
      unlinkSync(join(work, 'files'));
    } catch {
      // not created
    }
    rmSync(work, { recursive: true, force: true });
    rmSync(partial, { force: true });
    lock.release();
  }
}
