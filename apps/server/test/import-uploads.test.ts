import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeUpload, saveUpload, sweepUploads, UPLOAD_TTL_MS } from '../src/imports/uploads';

const dir = mkdtempSync(join(tmpdir(), 'trellis-uploads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const body = (text: string) => new Blob([text]).stream();

async function upload(at: number) {
  return saveUpload(dir, body('姓名,手机号\n'), { name: 'a.csv', by: 'u1', at, maxBytes: 1000 });
}

describe('import uploads on disk', () => {
  it('expire after a day unless a running job reads them; a finished run removes its file', async () => {
    const now = Date.now();
    const old = await upload(now - UPLOAD_TTL_MS - 1);
    const running = await upload(now - UPLOAD_TTL_MS - 1);
    const fresh = await upload(now - 1000);
    const path = (id: string) => join(dir, 'imports', id);
    // What an upload cut off mid-way leaves: bytes without a side file, from long ago.
    const partial = path('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b');
    writeFileSync(partial, 'x');
    utimesSync(
      partial,
      new Date(now - UPLOAD_TTL_MS - 60_000),
      new Date(now - UPLOAD_TTL_MS - 60_000),
    );

    const removed = await sweepUploads(dir, { now, inUse: new Set([path(running.id)]) });
    expect(removed).toBe(2);
    expect(existsSync(path(old.id))).toBe(false);
    expect(existsSync(`${path(old.id)}.json`)).toBe(false);
    expect(existsSync(partial)).toBe(false);
    expect(existsSync(path(running.id))).toBe(true);
    expect(existsSync(path(fresh.id))).toBe(true);

    await removeUpload(path(fresh.id));
    expect(existsSync(path(fresh.id))).toBe(false);
    expect(existsSync(`${path(fresh.id)}.json`)).toBe(false);
    // Only uploads: a path elsewhere is never removed.
    const outside = join(dir, 'keep.csv');
    writeFileSync(outside, 'x');
    await removeUpload(outside);
    expect(existsSync(outside)).toBe(true);
  });
});
