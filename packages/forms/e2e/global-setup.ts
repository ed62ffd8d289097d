import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChromiumServer } from '@trellis/tooling/chromium-server';
import { PAGE_DIR_ENV } from './built-once';

/**
 * The browser tests' run: one chromium (each file a context of it) and a folder for the pages
 * bundled once (built-once.ts). Workers inherit both through the environment.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-forms-pages-'));
  process.env[PAGE_DIR_ENV] = dir;
  const stopChromium = await startChromiumServer();
  return async () => {
    await stopChromium();
    delete process.env[PAGE_DIR_ENV];
    rmSync(dir, { recursive: true, force: true });
  };
}
