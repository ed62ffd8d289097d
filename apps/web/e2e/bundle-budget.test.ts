import { describe, expect, it } from 'vitest';
import { bundleSizes, publicFormSizes, routeSizes } from './harness/bundle';

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

// The list's first opening (issue 15): its route's code beyond the shell is the list's, not the
// record page's and its forms' (they load once the rows show). In session 20 the list's route
// statically needed 441 KB gzip in 51 files: the JSON validator, the desktop form widgets, the
// date picker, the upload, all for the record page and the filter's popover.
describe("the list's route", () => {
  const list = routeSizes('RecordListPage');

  it("needs neither the record page's code, nor a form's, nor the JSON validator", () => {
    expect(list.entries).toHaveLength(1);
    expect(list.files.length).toBeGreaterThan(5);
    const recordPage = routeSizes('RecordPage').entries;
    expect(recordPage).toHaveLength(1);
    expect(list.files).not.toContain(recordPage[0]);
    // Ajv's options, the date picker's range picker, the desktop widgets' grid, the form runtime.
    for (const text of ['strictSchema', 'RangePicker', 'tf-desktop-grid', 'data-tf-drawn'])
      expect(list.holds(text), text).toBe(false);
    expect(list.gzipKB).toBeLessThanOrEqual(100);
  });

  // Session 22: the phone metadata (~19 KB) and the region list (~29 KB) were a third of the
  // route (134 KB); its phone and city cells read cheaply until they load beside the rows.
  it('needs neither the phone metadata nor the region list for its first rows', () => {
    for (const text of ['country_calling_codes', '西湖区'])
      expect(list.holds(text), text).toBe(false);
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
