import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';

/** Files of a Trellis data directory. */
export type DataPaths = { dir: string; db: string; secretKey: string; files: string; web: string };

/** The data directory: `--data`, else TRELLIS_DATA, else ./data. */
export function dataDirOf(
  option: string | undefined,
  env: Record<string, string | undefined>,
  cwd: string,
): string {
  return resolve(cwd, option ?? env.TRELLIS_DATA ?? './data');
}

export function dataPaths(dir: string): DataPaths {
  return {
    dir,
    db: join(dir, 'trellis.db'),
    secretKey: join(dir, 'secret.key'),
    files: join(dir, 'files'),
    web: join(dir, 'web'),
  };
}

/** Creates the directory and its secret key (32 random bytes, owner-only) when missing. */
export function ensureDataDir(dir: string): DataPaths {
  const paths = dataPaths(dir);
  mkdirSync(paths.files, { recursive: true });
  if (!existsSync(paths.secretKey)) {
    writeFileSync(paths.secretKey, randomBytes(32).toString('base64'), { mode: 0o600 });
    chmodSync(paths.secretKey, 0o600);
  }
  return paths;
}

/** The key that encrypts stored secrets (webhook HMAC secrets). */
export function readSecretKey(paths: DataPaths): Buffer | undefined {
  if (!existsSync(paths.secretKey)) return undefined;
  const key = Buffer.from(readFileSync(paths.secretKey, 'utf8').trim(), 'base64');
  return key.length === 32 ? key : undefined;
}
