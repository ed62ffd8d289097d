import { describe, expect, it } from 'vitest';
import { bundleSizes, publicFormSizes } from './harness/bundle';

// The budget: the app shell's initial JS at most 300 KB gzip; the builder, the charts
// and the JSON editor are lazy chunks that a sales rep's pages never load. (`pnpm test` builds
// the app first.) A shell that imports a page's module by accident breaks this, not a timer.
describe('the built app', () => {
  const sizes = bundleSizes();

  it('loads at most 300 KB of gzipped JS before the first page', () => {
    expect(sizes.initialGzipKB).toBeGreaterThan(50);
    expect(sizes.initialGzipKB).toBeLessThanOrEqual(300);
  });

  it("loads its language's shared strings as a chunk of their own, not both languages", () => {
    expect(sizes.stringChunks).toHaveLength(2);
    for (const file of sizes.stringChunks)
      expect(sizes.preloadedFiles.includes(file), file).toBe(false);
  });

  it('keeps the builder, the charts and the JSON editor out of the initial files', () => {
    const lazy = sizes.lazyChunks.map((c) => c.file);
    for (const name of [/builder-/, /dashboards-/, /JsonEditor-/]) {
      expect(
        lazy.some((f) => name.test(f)),
        String(name),
      ).toBe(true);
      expect(
        sizes.initialFiles.some((f) => name.test(f)),
        String(name),
      ).toBe(false);
    }
  });
});

// The public form page (issue 14): at most 150 KB of gzipped JS for a prospect's phone.
describe('the public form page', () => {
  const page = publicFormSizes();

  it('loads at most 150 KB of gzipped JS', () => {
    expect(page.files.length).toBeGreaterThan(0);
    expect(page.gzipKB).toBeGreaterThan(30);
    expect(page.gzipKB).toBeLessThanOrEqual(150);
  });
});
