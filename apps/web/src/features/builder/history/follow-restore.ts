import { diffSpec, type AppSpec } from '@trellis/spec';
import { discardDraft, fetchDraft, fetchLive } from '../draft/api';
import type { DraftStore } from '../draft/draft-store';
import { editableSpec, emptySpec } from '../draft/skeleton';

/**
 * After a restore, the draft open in the builder still held the spec that was live before it: a
 * stale copy that, edited and published, would have undone the restore without a word. A draft
 * with no work of its own (none on the server, or one that changes nothing against the spec that
 * was live before) now takes the restored spec. A draft with unpublished changes is kept: the
 * "newer version published" banner offers to start again from the restored one. True when the
 * draft was reloaded.
 */
export async function followRestore(
  store: DraftStore,
  before: AppSpec | null,
  locale: 'zh-CN' | 'en',
): Promise<boolean> {
  // Edits not yet on the server are work of their own.
  if (!(await store.flush())) return false;
  const draft = await fetchDraft();
  if (draft && !(before && changesNothing(before, draft.spec))) return false;
  if (draft) await discardDraft(draft.revision);
  const live = await fetchLive();
  store.load(live.spec ? editableSpec(live.spec, locale) : emptySpec(locale), 0, live.version);
  return true;
}

/** A draft (possibly invalid, which diffSpec may not walk) that says nothing new. */
function changesNothing(before: AppSpec, draft: unknown): boolean {
  try {
    return diffSpec(before, draft as AppSpec).length === 0;
  } catch {
    return false;
  }
}
