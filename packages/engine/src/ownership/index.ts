// The ownership ledger (issue 17): every owner change of a record, written with it.
export { holderChanged, holderOf, ownershipKind, writeOwnerChange } from './ledger';
export type { Holder, OwnerChange, OwnershipNote } from './ledger';
