// The ownership ledger, handovers and the public pool (issue 17).
export {
  holderChanged,
  holderOf,
  ownershipKind,
  writeOwnerChange,
  writeOwnerChanges,
} from './ledger';
export type { Holder, OwnerChange, OwnershipNote } from './ledger';
export { createOwnership } from './api';
export type { OwnershipApi } from './api';
export type { HandoverBatchResult, HandoverInput, HandoverResult } from './handover';
export type { HandoverNote } from './note';
export { PROTOCOL, cleanNote } from './note';
export type { LeaveInput, LeaveItem, LeavePlan, LeavePlanResult, LeaveResult } from './leave';
export type { PoolListResult } from './pool';
export type { ReclaimReport } from './reclaim';
export { handoverRules, poolRules } from './policy';
export type { HandoverRules, PoolRules } from './policy';
export type { ConsentResult, ConsentView } from './consent';
