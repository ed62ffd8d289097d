import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  backupDataDir,
  DataDirBusyError,
  ensureDataDir,
  installSpec,
  openRuntime,
  restoreDataDir,
} from '../src/index';
import { educationSpec } from './stack';
import { ORIGIN, cookieOf } from './http-harness';
import { hashPassword } from '../src/auth/password';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const temp = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), name));
  dirs.push(dir);
  return dir;
};
const mode = (path: string) => statSync(path).mode & 0o777;
const sys = { actor: { kind: 'system' as const }, via: 'import' as const };

/** A served data directory with one lead and one uploaded file. */
async function servedDir() {
  const paths = ensureDataDir(join(temp('trellis-bk-'), 'data'));
  const rt = await openRuntime(paths);
  expect((await installSpec(rt.store, educationSpec())).ok).toBe(true);
  await rt.app.ctx.users.insert(
    { login: 'boss', passwordHash: await hashPassword('pass-word-1'), role: 'admin' },
    Date.now(),
  );
  const login = await rt.app.request(`${ORIGIN}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'boss', password: 'pass-word-1' }),
  });
  const cookie = cookieOf(login);
  const upload = await rt.app.request(`${ORIGIN}/api/v1/files?name=contract.pdf`, {
    method: 'POST',
    headers: { cookie, origin: ORIGIN, 'content-type': 'application/pdf' },
    body: 'contract bytes',
  });
  expect(upload.status).toBe(201);
  const lead = (n: number) =>
    rt.engine.records.create(
      'lead',
      { name: `备份${n}`, phone: `+86137000000${String(n).padStart(2, '0')}`, source: 'website' },
      sys,
    );
  expect((await lead(1)).ok).toBe(true);
  return { paths, rt, lead, cookie, fileId: ((await upload.json()) as { id: string }).id };
}

describe('backup and restore of a data directory', () => {
  it('backs up database, uploads and key while serving; restore is refused while served, then puts all three back', async () => {
    const old = process.umask(0);
    try {
      const { paths, rt, lead, fileId } = await servedDir();
      const archive = join(temp('trellis-archive-'), 'backup.tar.gz');
      const manifest = await backupDataDir(paths, archive);
      expect(manifest).toMatchObject({ secretKey: true, missingFiles: [] });
      expect(manifest.files).toHaveLength(1);
      // Written after the backup: not in it.
      expect((await lead(2)).ok).toBe(true);

      // The directory, database, key, uploads and the archive are owner-only, even with umask 0.
      expect(mode(paths.dir)).toBe(0o700);
      expect(mode(paths.files)).toBe(0o700);
      for (const f of [paths.db, `${paths.db}-wal`, paths.secretKey, archive])
        expect(mode(f), f).toBe(0o600);
      const upload = join(paths.files, manifest.files[0]!);
      expect(mode(upload)).toBe(0o600);
      expect(mode(join(upload, '..'))).toBe(0o700);

      // A served directory is never replaced: refused, nothing moved, the server keeps writing.
      const before = readdirSync(paths.dir).sort();
      expect(await restoreDataDir(paths, archive)).toEqual({ ok: false, code: 'in_use' });
      expect(readdirSync(paths.dir).sort()).toEqual(before);
      expect((await lead(3)).ok).toBe(true);
      const key = readFileSync(paths.secretKey, 'utf8');
      await rt.close();

      const restored = await restoreDataDir(paths, archive);
      expect(restored).toMatchObject({ ok: true, kind: 'archive', files: 1 });
      if (!restored.ok || !restored.keptAs) throw new Error('restore');
      // The previous state is kept aside, whole (its WAL folded in by SQLite, not deleted).
      expect(readdirSync(restored.keptAs).sort()).toEqual(['files', 'secret.key', 'trellis.db']);
      const again = await openRuntime(paths);
      const listed = await again.engine.records.list('lead', { limit: 10 }, sys);
      expect(listed.ok && listed.records.map((r) => r.name)).toEqual(['备份1']);
      expect(readFileSync(paths.secretKey, 'utf8')).toBe(key);
      expect(readFileSync(upload, 'utf8')).toBe('contract bytes');
      expect(await again.store.files.get(fileId)).toMatchObject({ id: fileId });
      // While a restore holds the directory, nothing else opens it.
      await again.close();
      for (const f of [paths.db, paths.secretKey]) expect(mode(f)).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });

  it('refuses archives that are not Trellis backups and changes nothing', async () => {
    const paths = ensureDataDir(join(temp('trellis-bad-'), 'data'));
    const rt = await openRuntime(paths);
    expect((await installSpec(rt.store, educationSpec())).ok).toBe(true);
    await rt.close();
    const junk = join(temp('trellis-junk-'), 'x.tar.gz');
    const { writeFileSync } = await import('node:fs');
    const { gzipSync } = await import('node:zlib');
    writeFileSync(junk, gzipSync('not a tar'));
    const before = readdirSync(paths.dir).sort();
    expect(await restoreDataDir(paths, junk)).toMatchObject({ ok: false, code: 'invalid_backup' });
    writeFileSync(junk, 'plain text');
    expect(await restoreDataDir(paths, junk)).toMatchObject({ ok: false, code: 'invalid_backup' });
    expect(readdirSync(paths.dir).sort()).toEqual(before);
    expect(existsSync(paths.db)).toBe(true);
  });

  it('does not open a directory a restore holds', async () => {
    const paths = ensureDataDir(join(temp('trellis-held-'), 'data'));
    const { holdDataDir } = await import('../src/setup/data-dir');
    const held = holdDataDir(paths, 'exclusive');
    try {
      await expect(openRuntime(paths)).rejects.toThrow(DataDirBusyError);
    } finally {
      held.release();
    }
    await (await openRuntime(paths)).close();
  });
});
