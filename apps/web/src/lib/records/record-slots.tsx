import { createContext, Suspense, useContext, type ComponentType } from 'react';
import type { EntitySpec } from '@trellis/spec';
import type { RecordData } from './types';

/** A button another feature puts in the record page's header (handover, release to the pool). */
export type RecordActionProps = { entity: EntitySpec; record: RecordData };
/** A button another feature puts in the list's bulk bar; `onDone` clears the selection. */
export type BulkActionProps = { entity: EntitySpec; ids: string[]; onDone: () => void };

export type RecordSlots = {
  record: { key: string; Component: ComponentType<RecordActionProps> }[];
  bulk: { key: string; Component: ComponentType<BulkActionProps> }[];
};

// Features never import each other: the app composes them by filling these slots
// (src/app/record-slots.tsx), the records pages render what is there.
const Slots = createContext<RecordSlots>({ record: [], bulk: [] });

export const RecordSlotsProvider = Slots.Provider;

function useRecordSlots(): RecordSlots {
  return useContext(Slots);
}

/** The record page's buttons other features contribute (each loads on its own, nothing while it does). */
export function RecordActions(props: RecordActionProps) {
  // One element with its own gap: the header lays it out as one item, so the buttons of a
  // fragment touched each other ("Hand over" and "Release to the pool" side by side).
  return (
    <span className="trellis-record-actions">
      {useRecordSlots().record.map(({ key, Component }) => (
        <Suspense key={key} fallback={null}>
          <Component {...props} />
        </Suspense>
      ))}
    </span>
  );
}

/** The bulk bar's buttons other features contribute. */
export function BulkActions(props: BulkActionProps) {
  return (
    <>
      {useRecordSlots().bulk.map(({ key, Component }) => (
        <Suspense key={key} fallback={null}>
          <Component {...props} />
        </Suspense>
      ))}
    </>
  );
}
