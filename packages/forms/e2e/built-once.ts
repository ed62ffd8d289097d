import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleForBrowser, type BrowserBundle } from '../test/browser-bundle';

/** Where the run keeps the pages it bundled (global-setup.ts makes it; removed at the end). */
export const PAGE_DIR_ENV = 'TRELLIS_FORMS_PAGE_DIR';

/**
 * A page of this folder bundled for the browser once per run: seven browser-test files open the
 * same form page, and each bundled it again (vite, all of Ant Design: most of a file's CPU). The
 * first file to need it builds it into the run's folder; the others read it. Files run in
 * workers of their own, so the bundle is kept on disk, not in a module. Without the folder (a
 * file run by a vitest without this package's config) it is built here.
 */
export async function builtOnce(entry: string): Promise<BrowserBundle> {
  const dir = process.env[PAGE_DIR_ENV];
  const file = dir && join(dir, `${entry}.json`);
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as BrowserBundle;
  const bundle = await bundleForBrowser(new URL(`./${entry}`, import.meta.url));
  if (file) {
    // Renamed into place whole: a file reading it never sees half a bundle.
    writeFileSync(`${file}.${process.pid}`, JSON.stringify(bundle));
    renameSync(`${file}.${process.pid}`, file);
  }
  return bundle;
}
