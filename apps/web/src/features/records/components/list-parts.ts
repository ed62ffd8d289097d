import { lazyPart } from '../../../lib/load/lazy-part';

// The list's parts that show only on a click (the filter's popover, the save-view dialog, the
// bulk bar over a selection): their code (the date picker, Ant Design's form, list and modal)
// is not on the list's path to its first rows; it loads once they show (`preloadListParts`).
export const FilterBuilder = lazyPart(() =>
  import('../filter/FilterBuilder').then((m) => m.FilterBuilder),
);
export const SaveViewDialog = lazyPart(() =>
  import('./SaveViewDialog').then((m) => m.SaveViewDialog),
);
export const BulkBar = lazyPart(() => import('./BulkBar').then((m) => m.BulkBar));

export function preloadListParts(): void {
  FilterBuilder.preload();
  SaveViewDialog.preload();
  BulkBar.preload();
}
