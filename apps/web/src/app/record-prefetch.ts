// The hooks' module, not the feature's index: the index would pull its pages into the shell.
import { prefetchRecordPage } from '../features/records/hooks/useRecord';
import { queryClient } from '../lib/query-client';
import { preloadRecordSlots } from './record-slots';
import { loadRecordsFeature } from './records-feature';

/** A record page's address (`/records/lead/<id>`); `/records/lead/new` is the create form. */
const RECORD_PAGE = /^\/records\/([^/?#]+)\/([^/?#]+)$/;

/**
 * How long a mouse pointer rests on a link before it counts as heading there: a pointer that
 * only crosses a list on its way elsewhere asks for nothing. A touch or a keyboard focus asks
 * at once (a tap's click follows within ~100 ms).
 */
const INTENT_MS = 60;

/** The entity and id of a record page's address; undefined for any other. */
function recordPageOf(path: string): [entity: string, id: string] | undefined {
  const page = RECORD_PAGE.exec(path);
  if (!page || page[2] === 'new') return undefined;
  return [decodeURIComponent(page[1]!), decodeURIComponent(page[2]!)];
}

/** When `path` is a record page's: asks for its code and its buttons' chunk (each once). */
export function preloadRecordPageCodeAt(path: string): void {
  if (!recordPageOf(path)) return;
  void loadRecordsFeature().catch(() => undefined);
  preloadRecordSlots();
}

/**
 * When `path` is a record page's: asks for its code, its buttons' chunk, the record and its
 * timeline. Each is asked once: the code is kept, the answers are fresh for 15 s.
 */
export function prefetchRecordPageAt(path: string): void {
  const page = recordPageOf(path);
  if (!page) return;
  preloadRecordPageCodeAt(path);
  prefetchRecordPage(queryClient, ...page);
}

/**
 * Asks for a record page's code, record and timeline as a pointer rests on (or focus reaches)
 * any link to one — a list's row, a board's card, a workbench panel, a search hit, a task —
 * so the click finds them on their way or arrived. One listener on the document for every link
 * the app draws. Answers the function that removes it.
 */
export function prefetchRecordPagesOnIntent(doc: Document): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: Element | null = null;
  const linkOf = (e: Event) =>
    e.target instanceof Element ? e.target.closest('a[href^="/records/"]') : null;
  const over = (e: PointerEvent) => {
    const link = linkOf(e);
    if (link === pending) return;
    clearTimeout(timer);
    pending = link;
    if (!link) return;
    const href = link.getAttribute('href')!;
    if (e.pointerType !== 'mouse') prefetchRecordPageAt(href);
    else timer = setTimeout(() => prefetchRecordPageAt(href), INTENT_MS);
  };
  const focus = (e: FocusEvent) => {
    const link = linkOf(e);
    if (link) prefetchRecordPageAt(link.getAttribute('href')!);
  };
  doc.addEventListener('pointerover', over, { passive: true });
  doc.addEventListener('focusin', focus);
  return () => {
    clearTimeout(timer);
    doc.removeEventListener('pointerover', over);
    doc.removeEventListener('focusin', focus);
  };
}
