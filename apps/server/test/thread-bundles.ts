import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleThread } from '@trellis/tooling/thread-bundle';

/** Read by src/setup/thread-boot.mjs (plain JS: it runs before tsx can load TypeScript). */
const THREAD_BUNDLES_ENV = 'TRELLIS_THREAD_BUNDLES';

/** Every thread the server starts (spawnThread), by its source. */
const ENTRIES = [
  '../src/writer/writer-thread.ts',
  '../src/writer/checkpoint-thread.ts',
  '../src/counts/count-thread.ts',
  '../src/seed/seed-thread.ts',
  '../src/imports/import-thread.ts',
];

/**
 * Vitest globalSetup: each of the server's threads bundled once for the run, for the tests that
 * start threads from source (a served runtime starts a writer, a count and a checkpoint thread;
 * booting tsx in each cost ~3.5 s of CPU). thread-boot.mjs loads a thread's bundle when the
 * manifest in TRELLIS_THREAD_BUNDLES names it.
 */
export default async function setup(): Promise<() => void> {
  const bundles = await Promise.all(
    ENTRIES.map(async (entry) => {
      const url = new URL(entry, import.meta.url);
      return { source: url.href, bundle: await bundleThread(url) };
    }),
  );
  const dir = mkdtempSync(join(tmpdir(), 'trellis-thread-bundles-'));
  const manifest = Object.fromEntries(bundles.map((b) => [b.source, b.bundle.url]));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  process.env[THREAD_BUNDLES_ENV] = dir;
  return () => {
    delete process.env[THREAD_BUNDLES_ENV];
    for (const b of bundles) b.bundle.remove();
    rmSync(dir, { recursive: true, force: true });
  };
}
