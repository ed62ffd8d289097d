import { lazyPart } from '../../../lib/load/lazy-part';

// The record page's parts that show only on a click (the edit form, the fields a refused stage
// move asks for): their code — the form runtime, its desktop widgets, the date picker, upload,
// ~680 KB of the ~850 KB the record page added to a list's — is not on the page's path to its
// first frame. It was loaded, compiled and run beside the list's rows, in the moment a rep
// clicks one; it loads once a record page is on screen (`preloadRecordPageParts`).
export const RecordEditor = lazyPart(() => import('./RecordEditForm').then((m) => m.RecordEditor));
export const StageMoveDialog = lazyPart(() =>
  import('../../../components/records/StageMoveDialog').then((m) => m.StageMoveDialog),
);

export function preloadRecordPageParts(): void {
  RecordEditor.preload();
  StageMoveDialog.preload();
}
