import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { newId } from '@trellis/store';
import { DIR_MODE, FILE_MODE } from '../setup/data-dir';

/** An uploaded import file kept under the data directory until its job no longer needs it. */
export type Upload = { id: string; name: string; size: number; by: string; at: number };

const ID = /^[0-9a-f-]{36}$/;

function folder(filesDir: string): string {
  const dir = join(filesDir, 'imports');
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  return dir;
}

/** Where an upload's bytes are. */
export function uploadPath(filesDir: string, id: string): string {
  return join(folder(filesDir), id);
}

/** Thrown when the body passes `maxBytes`. */
export class UploadTooLarge extends Error {}

/**
 * Streams a request body to disk (never whole in memory), refusing past `maxBytes`; a side file
 * keeps who uploaded it.
 */
export async function saveUpload(
  filesDir: string,
  body: ReadableStream<Uint8Array>,
  meta: { name: string; by: string; at: number; maxBytes: number },
): Promise<Upload> {
  const id = newId();
  const path = uploadPath(filesDir, id);
  let size = 0;
  const counted = Readable.fromWeb(body as Parameters<typeof Readable.fromWeb>[0]).on(
    'data',
    (chunk: Buffer) => {
      size += chunk.length;
      if (size > meta.maxBytes) counted.destroy(new UploadTooLarge());
    },
  );
  try {
    await pipeline(counted, createWriteStream(path, { mode: FILE_MODE }));
  } catch (e) {
    await rm(path, { force: true });
    throw e;
  }
  const upload: Upload = { id, name: meta.name, size, by: meta.by, at: meta.at };
  writeFileSync(`${path}.json`, JSON.stringify(upload), { mode: FILE_MODE });
  return upload;
}

/** The upload with this id if `by` made it. */
export function findUpload(filesDir: string, id: string, by: string): Upload | null {
  if (!ID.test(id)) return null;
  const meta = `${uploadPath(filesDir, id)}.json`;
  if (!existsSync(meta)) return null;
  const upload = JSON.parse(readFileSync(meta, 'utf8')) as Upload;
  return upload.by === by ? upload : null;
}

/** How long an upload no job is running on is kept (a dry run today, the run tomorrow). */
export const UPLOAD_TTL_MS = 24 * 60 * 60_000;

/**
 * Removes an upload (its bytes and its side file) once a job ended with it for good: a real run
 * that finished. Paths that are not an upload (`<files>/imports/<uuid>`) are left alone.
 */
export async function removeUpload(path: string): Promise<void> {
  if (!ID.test(basename(path)) || basename(dirname(path)) !== 'imports') return;
  await rm(path, { force: true });
  await rm(`${path}.json`, { force: true });
}

/**
 * Removes uploads older than `ttlMs` that no running job reads (`inUse`: their paths), and
 * what an interrupted upload left behind. Answers how many uploads went.
 */
export async function sweepUploads(
  filesDir: string,
  opts: { now: number; inUse: ReadonlySet<string>; ttlMs?: number },
): Promise<number> {
  const dir = folder(filesDir);
  const before = opts.now - (opts.ttlMs ?? UPLOAD_TTL_MS);
  let removed = 0;
  for (const name of await readdir(dir)) {
    if (!ID.test(name)) continue;
    const path = join(dir, name);
    if (opts.inUse.has(path)) continue;
    const meta = `${path}.json`;
    const at = existsSync(meta)
      ? (JSON.parse(readFileSync(meta, 'utf8')) as Upload).at
      : (await stat(path)).mtimeMs;
    if (at >= before) continue;
    await removeUpload(path);
    removed++;
  }
  return removed;
}
