import { lazy } from 'react';
import type { RecordSlots } from '../lib/records/record-slots';

// The buttons come with their own chunk. It is asked for as a list or a record page is opened
// (`preloadRecordSlots`, from the routes' loaders), not when the record page first renders
// them: that request started only once the page had rendered, and the page's first paint
// waited for it.
const loadSlots = () => import('../features/ownership/slots');

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
