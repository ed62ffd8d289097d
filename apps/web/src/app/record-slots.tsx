import { lazy } from 'react';
import type { RecordSlots } from '../lib/records/record-slots';

// The buttons load with their own chunk when a record page or a selection first shows them.
const HandoverButton = lazy(() =>
  import('../features/ownership/slots').then((m) => ({ default: m.HandoverButton })),
);
const ReleaseButton = lazy(() =>
  import('../features/ownership/slots').then((m) => ({ default: m.ReleaseButton })),
);
const BulkHandoverButton = lazy(() =>
  import('../features/ownership/slots').then((m) => ({ default: m.BulkHandoverButton })),
);

/** What other features add to the record page and the list's bulk bar; a feature adds a line. */
export const recordSlots: RecordSlots = {
  record: [
    { key: 'handover', Component: HandoverButton },
    { key: 'release', Component: ReleaseButton },
  ],
  bulk: [{ key: 'handover', Component: BulkHandoverButton }],
};
