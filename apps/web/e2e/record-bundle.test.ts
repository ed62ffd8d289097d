import { describe, expect, it } from 'vitest';
import { routeSizes } from './harness/bundle';

// Opening a record (issue 15, under 300 ms): the record page's code loads right after a list's
// rows are painted, in the moment a rep clicks one. Until session 22 it brought the form
// runtime with it — the desktop widgets, the date picker, upload, the stage dialog's form:
// 868 KB (273 KB gzip) in 28 files beyond the list's and the shell's, loaded, compiled and run
// beside the click. The edit form and the stage dialog are parts loaded once a record shows.
describe("the record page's route", () => {
  const page = routeSizes('RecordPage');
  const list = routeSizes('RecordListPage');
  const beyondList = page.files.filter((f) => !list.files.includes(f));

  it('needs no form runtime, date picker or JSON validator before its first frame', () => {
    expect(page.entries).toHaveLength(1);
    expect(beyondList.length).toBeGreaterThan(0);
    // The desktop widgets' grid, the form runtime, the range picker, Ajv's options.
    for (const text of ['tf-desktop-grid', 'data-tf-drawn', 'RangePicker', 'strictSchema'])
      expect(page.holds(text), text).toBe(false);
  });

  it('has its edit form as a part of its own that holds the form runtime', () => {
    const editor = routeSizes('RecordEditor');
    expect(editor.entries).toHaveLength(1);
    expect(page.files).not.toContain(editor.entries[0]);
    expect(editor.holds('data-tf-drawn')).toBe(true);
  });
});
