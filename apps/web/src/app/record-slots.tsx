import { lazy } from 'react';
import type { RecordSlots } from '../lib/records/record-slots';

// The buttons come with their own chunk. It is asked for as a list or a record page is opened
// (`preloadRecordSlots`, from the routes' loaders), not when the record page first renders
// them: that request started only once the page had rendered, and the page's first paint
// waited for it.
// One request, kept: each call of an `import()` here runs Vite's preload helper again (it looks
// up the chunk's CSS and imports in the document's head, ~1 ms each), and each lazy button
// below calls it as the click that opens a record renders.
const importSlots = () => import('../features/ownership/slots');
let slots: ReturnType<typeof importSlots> | undefined;
const loadSlots = () =>
  (slots ??= importSlots().catch((err: unknown) => {
    slots = undefined; // the next render asks again
    throw err;
  }));

/** Asks for the record page's and bulk bar's buttons ahead of their first render. */
export function preloadRecordSlots(): void {
  void loadSlots().catch(() => undefined);
}

const HandoverButton = lazy(() => loadSlots().then((m) => ({ default: m.HandoverButton })));
const ReleaseButton = lazy(() => loadSlots().then((m) => ({ default: m.ReleaseButton })));
const BulkHandoverButton = lazy(() => loadSlots().then((m) => ({ default: m.BulkHandoverButton })));

/** What other features add to the record page and the list's bulk bar; a feature adds a line. */
export const recordSlots: RecordSlots = {
  record: [
    { key: 'handover', Component: HandoverButton },
    { key: 'release', Component: ReleaseButton },
  ],
  bulk: [{ key: 'handover', Component: BulkHandoverButton }],
};
